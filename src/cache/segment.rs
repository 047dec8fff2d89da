//! One segment file: an immutable batch of entries of one table.
//!
//! ```text
//! magic "DEBTSCAN" | format u32 | value version u32 | name length u8 | name | entries u64 |
//! payload length u64 | payload (postcard: [(Key, V)]) | xxh3-128 of everything before it
//! ```
//! Integers are little-endian. The checksum covers the header too, so a flipped bit anywhere,
//! a truncated file or a torn write (segments are not fsynced: a crash can leave garbage under
//! the final name) is caught before a byte of the payload is trusted.

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
    let list: Vec<(&Key, &V)> = entries.collect();
    let payload = postcard::to_allocvec(&list).map_err(|e| format!("cannot encode: {e}"))?;
    let name = table.as_bytes();
    let name_len = u8::try_from(name.len()).map_err(|_| "table name too long".to_string())?;
    let mut out = Vec::with_capacity(payload.len() + 64 + name.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&version.to_le_bytes());
    out.push(name_len);
    out.extend_from_slice(name);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&payload);
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
pub(super) fn decode<V: DeserializeOwned>(
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
    let (entries, rest): (Vec<(Key, V)>, _) = postcard::take_from_bytes(payload)
        .map_err(|e| Rejected::Corrupt(format!("cannot decode: {e}")))?;
    if !rest.is_empty() || entries.len() as u64 != header.entries {
        return Err(Rejected::Corrupt(format!(
            "{} entries and {} bytes left over, header says {}",
            entries.len(),
            rest.len(),
            header.entries
        )));
    }
    Ok(entries)
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
