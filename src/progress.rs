//! What a long run is doing, on standard error: one bar per phase (a spinner while the amount
//! of work is unknown) where someone watches, and with `--timings` each phase's wall time when
//! it ends. Phases may run at once (parsing beside history); each gets its own line.
//!
//! A leaf module: stages take a [`Progress`] and open their [`Phase`]s; whether anything shows
//! is decided once, by the CLI.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How the phases of a run are reported. Cheap to clone: clones share the terminal lines.
#[derive(Clone, Default)]
pub struct Progress {
    /// The terminal lines, when someone watches.
    bars: Option<MultiProgress>,
    /// Print each phase's wall time when it ends.
    timings: bool,
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("bars", &self.bars.is_some())
            .field("timings", &self.timings)
            .finish()
    }
}

impl Progress {
    /// Bars on standard error when `show`; phase times there when `timings`.
    pub fn new(show: bool, timings: bool) -> Progress {
        Progress {
            bars: show.then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr())),
            timings,
        }
    }

    /// Reports nothing (the library default, and tests).
    pub fn hidden() -> Progress {
        Progress::default()
    }

    /// Starts a phase named `name` whose work is counted in `unit`s (`"commits"`, `"files"`);
    /// a spinner until [`Phase::set_length`] says how much work there is.
    pub fn phase(&self, name: &'static str, unit: &'static str) -> Phase {
        let bar = match &self.bars {
            Some(bars) => {
                let bar = bars.add(ProgressBar::new_spinner().with_style(spinner_style(unit)));
                bar.set_prefix(name);
                bar.enable_steady_tick(Duration::from_millis(120));
                bar
            }
            None => ProgressBar::hidden(),
        };
        Phase {
            bar,
            watched: self.bars.is_some(),
            unit,
            name,
            start: Instant::now(),
            timings: self.timings,
            note: Mutex::new(None),
        }
    }
}

/// One phase of a run; it ends (its line cleared, its time printed) when dropped.
pub struct Phase {
    bar: ProgressBar,
    /// Drawn on a terminal (a hidden bar still counts, for the timings).
    watched: bool,
    unit: &'static str,
    name: &'static str,
    start: Instant,
    timings: bool,
    /// Said after the amount in the timings.
    note: Mutex<Option<String>>,
}

impl Phase {
    /// The amount of work: the spinner becomes a bar with an estimate of the time left.
    pub fn set_length(&self, len: u64) {
        if !self.watched {
            return;
        }
        self.bar.disable_steady_tick();
        self.bar.set_style(bar_style(self.unit));
        self.bar.set_length(len);
    }

    /// `n` more units done.
    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }

    /// Adds `note` to the phase's line in the timings (`"1.2 MB parsed"`).
    pub fn note(&self, note: String) {
        if let Ok(mut slot) = self.note.lock() {
            *slot = Some(note);
        }
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
        if self.timings {
            let seconds = self.start.elapsed().as_secs_f64();
            let done = self.bar.position();
            let note = self.note.lock().ok().and_then(|mut n| n.take());
            let amount = match (done > 0, note) {
                (true, Some(note)) => format!(" ({done} {}, {note})", self.unit),
                (true, None) => format!(" ({done} {})", self.unit),
                (false, Some(note)) => format!(" ({note})"),
                (false, None) => String::new(),
            };
            eprintln!("timing: {:<14} {seconds:>8.2} s{amount}", self.name);
        }
    }
}

fn spinner_style(unit: &str) -> ProgressStyle {
    ProgressStyle::with_template(&format!("{{spinner}} {{prefix}}: {{pos}} {unit}"))
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style(unit: &str) -> ProgressStyle {
    ProgressStyle::with_template(&format!(
        "{{prefix:>14}} [{{bar:30}}] {{pos}}/{{len}} {unit} ({{eta}} left)"
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_phase_counts_nothing_visible_and_ends_quietly() {
        let progress = Progress::hidden();
        let phase = progress.phase("history", "commits");
        phase.set_length(10);
        phase.inc(3);
        assert!(!phase.watched);
        assert_eq!(phase.bar.position(), 3);
        drop(phase);
    }

    #[test]
    fn a_watched_phase_becomes_a_bar_once_its_length_is_known() {
        let progress = Progress {
            bars: Some(MultiProgress::with_draw_target(ProgressDrawTarget::hidden())),
            timings: false,
        };
        let phase = progress.phase("history", "commits");
        phase.set_length(10);
        phase.inc(4);
        assert_eq!(phase.bar.length(), Some(10));
        assert_eq!(phase.bar.position(), 4);
    }
}
