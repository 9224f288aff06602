//! Link arguments for the `ordos` binary only (the libraries are built as they are).

fn main() {
    // Pack the binary's relative relocations (DT_RELR, glibc 2.36+, GNU ld 2.38+ or lld): a
    // position-independent binary with Bevy in it carries some 12 MB of them, which the loader
    // reads, page by page, at every start — a third of a headless run's peak memory (#20). A
    // linker without the option ignores it with a warning.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
