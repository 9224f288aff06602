//! Writing files without ever losing one: every write goes to a temporary file created
//! exclusively beside the target (never a name a user's file could have) and is renamed over
//! it only when complete; a target that exists is replaced only when asked to, and only if it
//! is a regular file; two outputs of one command may not be the same file.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A path made absolute and tidied (`.` and `..` resolved by name), to tell whether two
/// outputs are the same file before either exists.
pub fn normalized(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    // Through symbolic links too, where the file or its folder exists.
    if let Ok(real) = out.canonicalize() {
        return real;
    }
    match (out.parent(), out.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map(|d| d.join(name))
            .unwrap_or(out.clone()),
        _ => out,
    }
}

/// Refuses a set of outputs that name one file twice, or that would replace something the
/// user has: an existing file without `force`, and anything but a regular file even with it.
pub fn check_outputs(paths: &[PathBuf], force: bool) -> Result<(), String> {
    let mut seen: Vec<(PathBuf, &PathBuf)> = Vec::new();
    for p in paths {
        let n = normalized(p);
        if let Some((_, first)) = seen.iter().find(|(x, _)| *x == n) {
            return Err(format!(
                "{} and {} are the same file: give each output its own name",
                first.display(),
                p.display()
            ));
        }
        seen.push((n, p));
        check_writable(p, force)?;
    }
    Ok(())
}

/// Whether `path` may be written: it does not exist, or it is a regular file and `force` is
/// given. Directories, devices, FIFOs and sockets are never replaced.
pub fn check_writable(path: &Path, force: bool) -> Result<(), String> {
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(m) if m.is_dir() => Err(format!("{}: is a directory", path.display())),
        Ok(m) if !m.is_file() && !m.file_type().is_symlink() => Err(format!(
            "{}: is not a regular file (a device, FIFO or socket); not replacing it",
            path.display()
        )),
        Ok(_) if !force => Err(format!(
            "{}: already exists; not overwriting it (use --force to replace it)",
            path.display()
        )),
        Ok(_) => match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => Err(format!(
                "{}: leads to something that is not a regular file; not replacing it",
                path.display()
            )),
            _ => Ok(()),
        },
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `text` to `path` through a temporary file created exclusively in the same folder
/// and renamed over the target, so a failed write leaves the target as it was and no file of
/// the user's is ever touched.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), String> {
    write_atomic_bytes(path, text.as_bytes())
}

/// [`write_atomic`] for bytes (an image).
pub fn write_atomic_bytes(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    let (tmp, mut file) = loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}-{n}.ordos-tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("{}: cannot write: {e}", path.display())),
        }
    };
    let written = file
        .write_all(bytes)
        .and_then(|_| file.sync_all())
        .and_then(|_| std::fs::rename(&tmp, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: cannot write: {e}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("ordos-files-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn two_outputs_naming_one_file_are_refused() {
        let d = scratch("same");
        let a = d.join("x.ron");
        let b = d.join("sub/../x.ron");
        assert!(check_outputs(&[a.clone(), b], false).is_err());
        assert!(check_outputs(&[a, d.join("y.ron")], false).is_ok());
    }

    #[test]
    fn a_users_tmp_file_is_left_alone() {
        let d = scratch("tmp");
        let target = d.join("game.ron");
        let theirs = d.join("game.ordos-tmp");
        std::fs::write(&theirs, "mine").unwrap();
        write_atomic(&target, "replay").unwrap();
        assert_eq!(std::fs::read_to_string(&theirs).unwrap(), "mine");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "replay");
        let left: Vec<_> = std::fs::read_dir(&d).unwrap().collect();
        assert_eq!(left.len(), 2, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn force_never_replaces_a_device() {
        assert!(check_writable(Path::new("/dev/null"), true).is_err());
        assert!(check_writable(Path::new("/dev/null"), false).is_err());
    }
}
