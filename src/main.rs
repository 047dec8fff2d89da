//! The `debtscan` binary: everything lives in the library; see `debtscan::cli`.

fn main() -> std::process::ExitCode {
    debtscan::cli::main()
}
