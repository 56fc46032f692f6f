mod common;

use std::fs;

use blockstore::BlockError;
use common::*;

fn flip_byte(path: &std::path::Path, at: usize) {
    let mut bytes = fs::read(path).unwrap();
    let at = at.min(bytes.len() - 1);
    bytes[at] ^= 0x01;
    fs::write(path, bytes).unwrap();
}

fn assert_restore_fails_cleanly(fx: &Fixture, snapshot: &str) -> BlockError {
    let before = fx.top_level_names();
    let dest = fx.path("restored");
    let err = fx.store.restore(snapshot, &dest).unwrap_err();
    assert!(!dest.exists(), "a partial restore was left behind");
    assert_eq!(fx.top_level_names(), before, "temporary files were left behind");
    err
}

#[test]
fn flipped_byte_in_a_raw_chunk_is_reported_by_restore_and_verify() {
    let fx = Fixture::new();
    let src = fx.write("vol", &random_bytes(11, 4 * MIB as usize));
    fx.snapshot("snap-a", &src);
    let chunks = fx.chunk_files();
    let victim = &chunks[chunks.len() / 2];
    flip_byte(victim, 1000);

    let err = assert_restore_fails_cleanly(&fx, "snap-a");
    eprintln!("restore: {err}");
    let BlockError::Corrupt { snapshot, chunk, offset, .. } = err else { panic!("expected Corrupt, got {err:?}") };
    assert_eq!(snapshot, "snap-a");
    let victim_name = victim.strip_prefix(victim.parent().unwrap().parent().unwrap()).unwrap();
    assert_eq!(chunk, victim_name.to_string_lossy().replace('/', ""));
    assert!(offset < 4 * MIB);

    let err = fx.store.verify("snap-a").unwrap_err();
    assert!(matches!(&err, BlockError::Corrupt { chunk: c, offset: o, .. } if *c == chunk && *o == offset), "{err:?}");
}

#[test]
fn damaged_compressed_chunk_and_missing_chunk_are_corrupt() {
    let fx = Fixture::new();
    let src = fx.write("vol", &text_bytes(2 * MIB as usize));
    fx.snapshot("snap-t", &src);
    let chunks = fx.chunk_files();
    flip_byte(&chunks[0], 200);
    let err = assert_restore_fails_cleanly(&fx, "snap-t");
    eprintln!("restore (zstd chunk): {err}");
    assert!(matches!(err, BlockError::Corrupt { .. }));

    fs::remove_file(&chunks[0]).unwrap();
    let err = assert_restore_fails_cleanly(&fx, "snap-t");
    assert!(matches!(&err, BlockError::Corrupt { reason, .. } if reason.contains("missing")), "{err:?}");
    assert!(matches!(fx.store.verify("snap-t"), Err(BlockError::Corrupt { .. })));
}

#[test]
fn failed_restore_leaves_an_existing_dest_untouched() {
    let fx = Fixture::new();
    let src = fx.write("vol", &random_bytes(12, MIB as usize));
    fx.snapshot("snap-a", &src);
    let dest = fx.write("restored", b"previous contents");
    flip_byte(&fx.chunk_files()[0], 20);
    assert!(matches!(fx.store.restore("snap-a", &dest), Err(BlockError::Corrupt { .. })));
    assert_eq!(fs::read(&dest).unwrap(), b"previous contents");
}

#[test]
fn tampered_manifest_is_reported() {
    let fx = Fixture::new();
    let src = fx.write("vol", &random_bytes(13, MIB as usize));
    fx.snapshot("snap-a", &src);
    let manifest = fx.dir.path().join("store/snapshots/snap-a.json");
    let text = fs::read_to_string(&manifest).unwrap().replacen("\"size\":1048576", "\"size\":1048577", 1);
    fs::write(&manifest, text).unwrap();
    assert!(matches!(fx.store.restore("snap-a", &fx.path("r")), Err(BlockError::BadManifest { .. })));
    assert!(matches!(fx.store.delete_snapshot("snap-b"), Err(BlockError::NotFound(_))));
}
