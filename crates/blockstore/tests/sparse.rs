mod common;

use std::fs::{self, File};
use std::os::unix::fs::MetadataExt;

use common::*;

#[test]
fn sparse_volume_stores_nothing_and_restores_sparse() {
    let fx = Fixture::new();
    let src = fx.path("vol");
    File::create(&src).unwrap().set_len(64 * MIB).unwrap();
    let stats = fx.snapshot("snap-sparse", &src);
    eprintln!("64 MiB sparse volume: {stats:?}");
    assert_eq!(stats.zero_bytes, 64 * MIB);
    assert_eq!((stats.new_chunks, stats.new_stored_bytes, stats.reused_chunks), (0, 0, 0));
    assert_eq!(fx.chunk_files().len(), 0);

    let dest = fx.path("restored");
    fx.store.restore("snap-sparse", &dest).unwrap();
    let meta = fs::metadata(&dest).unwrap();
    assert_eq!(meta.len(), 64 * MIB);
    assert!(meta.blocks() * 512 < MIB, "restored file is not sparse: {} blocks", meta.blocks());
    assert!(fs::read(&dest).unwrap().iter().all(|&b| b == 0));
}

#[test]
fn written_zeros_are_zero_extents_too() {
    let fx = Fixture::new();
    // 16 MiB of explicitly written zeros around 1 MiB of data, then a hole at the end.
    let mut data = vec![0u8; 8 * MIB as usize];
    data.extend(random_bytes(7, MIB as usize));
    data.extend(vec![0u8; 8 * MIB as usize]);
    let src = fx.write("vol", &data);
    File::options().write(true).open(&src).unwrap().set_len(40 * MIB).unwrap();
    let stats = fx.snapshot("snap-zeros", &src);
    eprintln!("17 MiB written (16 MiB zeros) + 23 MiB hole: {stats:?}");
    assert!(stats.zero_bytes >= 38 * MIB, "zero bytes {}", stats.zero_bytes);
    assert!(stats.new_stored_bytes <= 2 * MIB, "stored {}", stats.new_stored_bytes);

    let dest = fx.path("restored");
    fx.store.restore("snap-zeros", &dest).unwrap();
    assert_eq!(hash_file(&dest), hash_file(&src));
    assert!(fs::metadata(&dest).unwrap().blocks() * 512 < 4 * MIB);
}
