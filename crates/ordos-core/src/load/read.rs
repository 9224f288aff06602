//! Reading the files a user gives: only regular files, and only up to a size cap, so that a
//! device (`/dev/zero`), a FIFO or a huge file is refused with a message instead of reading
//! until memory runs out or blocking for ever.

use std::io::Read;
use std::path::Path;

/// The largest scenario file read: a hand-drawn map of 2,000 × 2,000 hexes is 4 MB; the
/// shipped scenarios are under 40 kB.
pub const MAX_SCENARIO_BYTES: u64 = 8 << 20;
/// The largest replay or save read: a game of 5,000 turns with 100 orders a turn.
pub const MAX_RECORD_BYTES: u64 = 64 << 20;

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    #[error("is a directory, not a file")]
    Directory,
    #[error("is not a regular file (a device, FIFO or socket): refused")]
    NotRegular,
    #[error("is {size} bytes, over the limit of {cap} bytes for this kind of file")]
    TooLarge { size: u64, cap: u64 },
    #[error("cannot be read: {0}")]
    Io(String),
}

/// Reads a regular file of at most `cap` bytes.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e.to_string()),
    })?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            cap,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io(e.to_string()))?;
    // What was checked by name is checked again on the open file, in case it was swapped.
    let meta = file.metadata().map_err(|e| ReadError::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut bytes = Vec::with_capacity(meta.len().min(cap) as usize);
    // A file that grows while it is read is still cut off at the cap.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            cap,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_directories_are_refused_without_reading() {
        #[cfg(unix)]
        assert_eq!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular)
        );
        assert_eq!(
            read_regular(Path::new(env!("CARGO_MANIFEST_DIR")), 10),
            Err(ReadError::Directory)
        );
        assert_eq!(
            read_regular(Path::new("/no/such/file/anywhere"), 10),
            Err(ReadError::NotFound)
        );
    }

    #[test]
    fn a_file_over_the_cap_is_refused() {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"));
        assert!(matches!(
            read_regular(path, 10),
            Err(ReadError::TooLarge { cap: 10, .. })
        ));
        assert!(read_regular(path, MAX_SCENARIO_BYTES).is_ok());
    }
}
