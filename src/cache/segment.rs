//! One segment file: an immutable batch of entries of one table.
//!
//! ```text
//! magic "DEBTSCAN" | format u32 | value version u32 | name length u8 | name | entries u64 |
//! payload length u64 | payload | xxh3-128 of everything before it
//! payload: per entry, key u128 | value length u32 | value (postcard)
//! ```
//! Integers are little-endian. Each value is framed, so a large segment's values are decoded
//! on both cores (cargo's commit records, 11 MB in one segment, were a serial 150 ms at the
//! start of every rerun). The checksum covers the header too, so a flipped bit anywhere,
//! a truncated file or a torn write (segments are not fsynced: a crash can leave garbage under
//! the final name) is caught before a byte of the payload is trusted.

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Key, FORMAT_VERSION};

const MAGIC: &[u8; 8] = b"DEBTSCAN";
const CHECKSUM: usize = 16;

/// Why a segment file was not used.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Rejected {
    /// Written by a newer debtscan (its format version): left alone, not used.
    Newer(u32),
    /// Written by an older debtscan: stale, safe to delete.
    Older(u32),
    /// Damaged, truncated or not a segment at all: deleted, never trusted.
    Corrupt(String),
}

/// The fixed fields of a segment, readable without decoding the payload.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Header {
    pub(super) table: String,
    pub(super) version: u32,
    pub(super) entries: u64,
}

/// A segment of `entries` for table `table` whose values have layout `version`.
pub(super) fn encode<'a, V: Serialize + 'a>(
    table: &str,
    version: u32,
    entries: impl ExactSizeIterator<Item = (&'a Key, &'a V)>,
) -> Result<Vec<u8>, String> {
    let count = entries.len() as u64;
    let name = table.as_bytes();
    let name_len = u8::try_from(name.len()).map_err(|_| "table name too long".to_string())?;
    // The payload is written in place after the header, its length filled in once known: a
    // payload built apart and copied behind the header held a large segment twice (cargo's
    // commit records: 11 MB, twice, at the end of the history pass).
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&version.to_le_bytes());
    out.push(name_len);
    out.extend_from_slice(name);
    out.extend_from_slice(&count.to_le_bytes());
    let length_at = out.len();
    out.extend_from_slice(&[0; 8]);
    let payload_at = out.len();
    for (key, value) in entries {
        out.extend_from_slice(&key.0.to_le_bytes());
        let at = out.len();
        out.extend_from_slice(&[0; 4]);
        out = postcard::to_extend(value, out).map_err(|e| format!("cannot encode: {e}"))?;
        let len = u32::try_from(out.len() - at - 4)
            .map_err(|_| "a value of 4 GiB or more".to_string())?;
        out[at..at + 4].copy_from_slice(&len.to_le_bytes());
    }
    let payload = (out.len() - payload_at) as u64;
    out[length_at..payload_at].copy_from_slice(&payload.to_le_bytes());
    let sum = xxhash_rust::xxh3::xxh3_128(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    Ok(out)
}

/// The file name of a segment: its checksum, so equal contents share a name.
pub(super) fn file_name(bytes: &[u8]) -> String {
    let sum = &bytes[bytes.len().saturating_sub(CHECKSUM)..];
    let mut name: String = sum.iter().rev().map(|b| format!("{b:02x}")).collect();
    name.push_str(".seg");
    name
}

/// A little reader over the header's fields.
struct Fields<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Fields<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Rejected> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| Rejected::Corrupt("truncated header".into()))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, Rejected> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn u64(&mut self) -> Result<u64, Rejected> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
}

/// Checks the magic, the format, the checksum and the header of `bytes`; the header and the
/// payload on success.
pub(super) fn check(bytes: &[u8]) -> Result<(Header, &[u8]), Rejected> {
    let mut f = Fields { bytes, at: 0 };
    if f.take(MAGIC.len())? != MAGIC {
        return Err(Rejected::Corrupt("not a debtscan cache segment".into()));
    }
    // The format first: a newer debtscan may lay out everything after it differently.
    match f.u32()? {
        FORMAT_VERSION => {}
        v if v > FORMAT_VERSION => return Err(Rejected::Newer(v)),
        v => return Err(Rejected::Older(v)),
    }
    if bytes.len() < f.at + CHECKSUM {
        return Err(Rejected::Corrupt("truncated".into()));
    }
    let (body, sum) = bytes.split_at(bytes.len() - CHECKSUM);
    let sum = u128::from_le_bytes(sum.try_into().expect("16 bytes"));
    if xxhash_rust::xxh3::xxh3_128(body) != sum {
        return Err(Rejected::Corrupt(
            "checksum mismatch (truncated or damaged)".into(),
        ));
    }
    let mut f = Fields {
        bytes: body,
        at: f.at,
    };
    let version = f.u32()?;
    let name_len = f.take(1)?[0] as usize;
    let table = String::from_utf8(f.take(name_len)?.to_vec())
        .map_err(|_| Rejected::Corrupt("table name is not UTF-8".into()))?;
    let entries = f.u64()?;
    let payload_len = f.u64()?;
    let payload = &body[f.at..];
    if payload.len() as u64 != payload_len {
        return Err(Rejected::Corrupt(format!(
            "payload of {} bytes, header says {payload_len}",
            payload.len()
        )));
    }
    Ok((
        Header {
            table,
            version,
            entries,
        },
        payload,
    ))
}

/// The entries of a segment of table `table`, values of layout `version`.
pub(super) fn decode<V: DeserializeOwned + Send>(
    bytes: &[u8],
    table: &str,
    version: u32,
) -> Result<Vec<(Key, V)>, Rejected> {
    let (header, payload) = check(bytes)?;
    if header.table != table || header.version != version {
        return Err(Rejected::Corrupt(format!(
            "holds table {} v{}, not {table} v{version}",
            header.table, header.version
        )));
    }
    let frames = frames(payload)?;
    if frames.len() as u64 != header.entries {
        return Err(Rejected::Corrupt(format!(
            "{} entries, header says {}",
            frames.len(),
            header.entries
        )));
    }
    let value = |&(key, bytes): &(Key, &[u8])| match postcard::take_from_bytes::<V>(bytes) {
        Ok((value, [])) => Ok((key, value)),
        Ok((_, rest)) => Err(Rejected::Corrupt(format!(
            "{} bytes left over after a value",
            rest.len()
        ))),
        Err(e) => Err(Rejected::Corrupt(format!("cannot decode: {e}"))),
    };
    if frames.len() < PARALLEL_FROM {
        return frames.iter().map(value).collect();
    }
    frames
        .par_iter()
        .with_min_len(PARALLEL_FROM)
        .map(value)
        .collect()
}

/// Below this many entries a segment is decoded on one thread.
const PARALLEL_FROM: usize = 1024;

/// Each entry's key and value bytes.
fn frames(payload: &[u8]) -> Result<Vec<(Key, &[u8])>, Rejected> {
    let mut out = Vec::new();
    let mut rest = payload;
    while !rest.is_empty() {
        let (key, after) = rest
            .split_first_chunk::<16>()
            .ok_or_else(|| Rejected::Corrupt("truncated entry key".into()))?;
        let (len, after) = after
            .split_first_chunk::<4>()
            .ok_or_else(|| Rejected::Corrupt("truncated entry length".into()))?;
        let len = u32::from_le_bytes(*len) as usize;
        if after.len() < len {
            return Err(Rejected::Corrupt("truncated entry value".into()));
        }
        let (value, after) = after.split_at(len);
        out.push((Key(u128::from_le_bytes(*key)), value));
        rest = after;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let entries = [(Key(1), "one".to_string()), (Key(u128::MAX), "max".into())];
        encode("t", 3, entries.iter().map(|(k, v)| (k, v))).unwrap()
    }

    #[test]
    fn round_trip() {
        let bytes = sample();
        let back: Vec<(Key, String)> = decode(&bytes, "t", 3).unwrap();
        assert_eq!(
            back,
            vec![(Key(1), "one".to_string()), (Key(u128::MAX), "max".into())]
        );
        let (header, _) = check(&bytes).unwrap();
        assert_eq!(
            header,
            Header {
                table: "t".into(),
                version: 3,
                entries: 2
            }
        );
        assert!(file_name(&bytes).ends_with(".seg"));
        assert_eq!(file_name(&bytes).len(), 32 + 4);
    }

    #[test]
    fn every_truncation_and_every_flipped_bit_is_caught() {
        let bytes = sample();
        for len in 0..bytes.len() {
            assert!(
                decode::<String>(&bytes[..len], "t", 3).is_err(),
                "truncated to {len}"
            );
        }
        for i in 0..bytes.len() {
            for bit in 0..8 {
                let mut damaged = bytes.clone();
                damaged[i] ^= 1 << bit;
                let outcome = decode::<String>(&damaged, "t", 3);
                // Bits of the format field turn into another format, never into data.
                assert!(
                    matches!(
                        outcome,
                        Err(Rejected::Corrupt(_) | Rejected::Newer(_) | Rejected::Older(_))
                    ),
                    "byte {i} bit {bit}: {outcome:?}"
                );
            }
        }
    }

    #[test]
    fn a_large_segment_decodes_on_several_threads_in_order() {
        let entries: Vec<(Key, u64)> = (0..5000u64)
            .map(|i| (Key(u128::from(i) << 64), i))
            .collect();
        let bytes = encode("t", 1, entries.iter().map(|(k, v)| (k, v))).unwrap();
        assert_eq!(decode::<u64>(&bytes, "t", 1).unwrap(), entries);
    }

    /// `bytes` with its checksum made right again.
    fn resealed(mut bytes: Vec<u8>) -> Vec<u8> {
        let body = bytes.len() - CHECKSUM;
        let sum = xxhash_rust::xxh3::xxh3_128(&bytes[..body]);
        bytes[body..].copy_from_slice(&sum.to_le_bytes());
        bytes
    }

    #[test]
    fn frames_that_do_not_add_up_are_refused_even_with_a_right_checksum() {
        let bytes = sample();
        let payload_at = bytes.len() - CHECKSUM - check(&bytes).unwrap().1.len();
        // The first value's length, one more than it is: it takes the next key's first byte.
        let len_at = payload_at + 16;
        let mut longer = bytes.clone();
        longer[len_at] += 1;
        let outcome = decode::<String>(&resealed(longer), "t", 3);
        assert!(matches!(outcome, Err(Rejected::Corrupt(_))), "{outcome:?}");
        // A length past the end.
        let mut past = bytes.clone();
        past[len_at..len_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        let outcome = decode::<String>(&resealed(past), "t", 3);
        assert_eq!(
            outcome,
            Err(Rejected::Corrupt("truncated entry value".into()))
        );
        assert_eq!(decode::<String>(&resealed(bytes), "t", 3).unwrap().len(), 2);
    }

    #[test]
    fn formats_and_tables_are_told_apart() {
        let mut bytes = sample();
        bytes[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        assert_eq!(
            decode::<String>(&bytes, "t", 3),
            Err(Rejected::Newer(FORMAT_VERSION + 1))
        );
        let bytes = sample();
        assert!(matches!(
            decode::<String>(&bytes, "u", 3),
            Err(Rejected::Corrupt(_))
        ));
        assert!(matches!(
            decode::<String>(&bytes, "t", 4),
            Err(Rejected::Corrupt(_))
        ));
        // The right checksum over the wrong shape of value is still refused.
        assert!(matches!(
            decode::<(u64, u64, u64)>(&bytes, "t", 3),
            Err(Rejected::Corrupt(_))
        ));
    }
}
