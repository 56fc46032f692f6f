mod common;

use std::fs;
use std::sync::Arc;

use blockstore::BlockError;
use common::*;

#[test]
fn delete_removes_only_unreferenced_chunks() {
    let fx = Fixture::new();
    let mut data = random_bytes(21, 8 * MIB as usize);
    let src = fx.write("vol", &data);
    fx.snapshot("snap-a", &src);
    let a_chunks = fx.chunk_files();
    data[4 * MIB as usize..5 * MIB as usize].copy_from_slice(&random_bytes(22, MIB as usize));
    fs::write(&src, &data).unwrap();
    let b = fx.snapshot("snap-b", &src);
    let all = fx.chunk_files();
    assert_eq!(all.len() as u64, a_chunks.len() as u64 + b.new_chunks);

    fx.store.delete_snapshot("snap-a").unwrap();
    let left = fx.chunk_files();
    assert_eq!(left.len() as u64, b.new_chunks + b.reused_chunks, "only snap-b's chunks remain");
    assert!(left.len() < all.len());
    assert!(matches!(fx.store.restore("snap-a", &fx.path("r")), Err(BlockError::NotFound(_))));
    let dest = fx.path("restored-b");
    fx.store.restore("snap-b", &dest).unwrap();
    assert_eq!(fs::read(&dest).unwrap(), data);
    fx.store.verify("snap-b").unwrap();

    fx.store.delete_snapshot("snap-b").unwrap();
    assert!(fx.chunk_files().is_empty());
    let stats = fx.store.stats().unwrap();
    assert_eq!((stats.snapshots, stats.chunks, stats.stored_bytes), (0, 0, 0));
}

#[test]
fn copy_shares_chunks_and_outlives_its_source() {
    let fx = Fixture::new();
    let data = random_bytes(23, 3 * MIB as usize);
    let src = fx.write("vol", &data);
    fx.snapshot("snap-a", &src);
    let before = fx.store.stats().unwrap();
    fx.store.copy_snapshot("snap-a", "snap-copy").unwrap();
    let after = fx.store.stats().unwrap();
    assert_eq!((after.chunks, after.stored_bytes), (before.chunks, before.stored_bytes));
    assert_eq!((after.snapshots, after.logical_bytes), (2, 2 * before.logical_bytes));
    assert_eq!(fx.store.snapshot_stats("snap-copy").unwrap().reused_bytes, data.len() as u64);

    fx.store.delete_snapshot("snap-a").unwrap();
    assert_eq!(fx.store.stats().unwrap().chunks, before.chunks);
    let dest = fx.path("restored");
    fx.store.restore("snap-copy", &dest).unwrap();
    assert_eq!(fs::read(&dest).unwrap(), data);
}

#[test]
fn gc_removes_orphans_and_stale_temp_files() {
    let fx = Fixture::new();
    let src = fx.write("vol", &random_bytes(24, MIB as usize));
    fx.snapshot("snap-a", &src);
    let chunks_dir = fx.dir.path().join("store/chunks/00");
    fs::write(chunks_dir.join(".tmp-chunk-1-1"), b"interrupted").unwrap();
    fs::write(chunks_dir.join("ff".repeat(31)), b"orphan").unwrap();
    fs::write(chunks_dir.join("README"), b"not ours").unwrap();
    assert_eq!(fx.store.gc().unwrap(), 2);
    assert!(chunks_dir.join("README").exists());
    fx.store.verify("snap-a").unwrap();
}

#[test]
fn snapshots_running_while_snapshots_are_deleted_stay_whole() {
    let fx = Fixture::new();
    let data = random_bytes(25, 2 * MIB as usize);
    let src = fx.write("vol", &data);
    let store = Arc::new(blockstore::BlockStore::open(&fx.dir.path().join("store")).unwrap());
    store.create_snapshot("snap-0", &src, &mut |_, _| {}).unwrap();
    for round in 1..=5 {
        // The new snapshot reuses every chunk of the one being deleted at the same time.
        let (s, src2) = (store.clone(), src.clone());
        let taker = std::thread::spawn(move || s.create_snapshot(&format!("snap-{round}"), &src2, &mut |_, _| {}));
        store.delete_snapshot(&format!("snap-{}", round - 1)).unwrap();
        taker.join().unwrap().unwrap();
        let dest = fx.path("restored");
        store.restore(&format!("snap-{round}"), &dest).unwrap();
        assert_eq!(fs::read(&dest).unwrap(), data, "round {round}");
    }
    assert_eq!(store.list_snapshots().unwrap(), vec!["snap-5".to_string()]);
}
