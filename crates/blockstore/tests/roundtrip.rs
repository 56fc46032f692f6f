mod common;

use std::fs::{self, OpenOptions};
use std::time::Instant;

use blockstore::BlockError;
use common::*;

#[test]
fn random_10_mib_round_trips_byte_identical() {
    let fx = Fixture::new();
    let data = random_bytes(1, 10 * MIB as usize + 12_345);
    let src = fx.write("vol", &data);
    let stats = fx.snapshot("snap-a", &src);
    assert_eq!(stats.logical_bytes, data.len() as u64);
    assert_eq!(stats.reused_chunks, 0);
    assert_eq!(stats.new_bytes, data.len() as u64);
    // Random data does not compress: stored raw plus a 9-byte header per chunk.
    assert!(stats.new_stored_bytes <= data.len() as u64 + 9 * stats.new_chunks);
    let avg = data.len() as u64 / stats.new_chunks;
    assert!((32 * 1024..=160 * 1024).contains(&avg), "average chunk {avg}");

    let dest = fx.path("restored");
    fx.store.restore("snap-a", &dest).unwrap();
    assert_eq!(fs::read(&dest).unwrap(), data);
    assert_eq!(fx.store.snapshot_size("snap-a").unwrap(), data.len() as u64);
    fx.store.verify("snap-a").unwrap();
}

#[test]
fn compressible_data_is_compressed_and_round_trips() {
    let fx = Fixture::new();
    let mut data = text_bytes(6 * MIB as usize);
    data.extend(random_bytes(2, 2 * MIB as usize));
    let src = fx.write("vol", &data);
    let stats = fx.snapshot("snap-text", &src);
    eprintln!("compressible 8 MiB (6 text + 2 random): {stats:?}");
    assert!(stats.new_stored_bytes < 4 * MIB, "stored {}", stats.new_stored_bytes);
    let dest = fx.path("restored");
    fx.store.restore("snap-text", &dest).unwrap();
    assert_eq!(fs::read(&dest).unwrap(), data);
}

#[test]
fn empty_volume_round_trips() {
    let fx = Fixture::new();
    let src = fx.write("vol", &[]);
    let stats = fx.snapshot("snap-empty", &src);
    assert_eq!(stats, blockstore::SnapshotStats::default());
    let dest = fx.path("restored");
    fx.store.restore("snap-empty", &dest).unwrap();
    assert_eq!(fs::metadata(&dest).unwrap().len(), 0);
}

/// The acceptance case: 100 MiB, change 1 MiB in the middle, snapshot again.
#[test]
fn second_snapshot_after_1_mib_change_adds_about_1_mib() {
    let fx = Fixture::new();
    let size = 100 * MIB as usize;
    let mut data = random_bytes(3, size);
    let src = fx.write("vol", &data);
    let original = blake3::hash(&data);
    // The volume's own dirty pages are not the snapshot's cost: flush them before timing.
    fs::File::open(&src).unwrap().sync_all().unwrap();

    let t = Instant::now();
    let first = fx.snapshot("snap-1", &src);
    let first_secs = t.elapsed().as_secs_f64();

    let changed = 50 * MIB as usize;
    data[changed..changed + MIB as usize].copy_from_slice(&random_bytes(4, MIB as usize));
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = OpenOptions::new().write(true).open(&src).unwrap();
        f.seek(SeekFrom::Start(changed as u64)).unwrap();
        f.write_all(&data[changed..changed + MIB as usize]).unwrap();
        f.sync_all().unwrap();
    }
    let t = Instant::now();
    let second = fx.store.create_snapshot_with_parent("snap-2", &src, Some("snap-1"), &mut |_, _| {}).unwrap();
    let second_secs = t.elapsed().as_secs_f64();

    let store = fx.store.stats().unwrap();
    let mb = |b: u64| b as f64 / MIB as f64;
    eprintln!(
        "snapshot 1: {:.1} MiB volume, {} new chunks, {:.2} MiB stored, {:.2} s = {:.0} MiB/s",
        mb(first.logical_bytes),
        first.new_chunks,
        mb(first.new_stored_bytes),
        first_secs,
        mb(first.logical_bytes) / first_secs
    );
    eprintln!(
        "snapshot 2 (1 MiB changed): {} new chunks, {:.2} MiB stored, {} reused chunks ({:.2} MiB), {:.2} s = {:.0} MiB/s",
        second.new_chunks,
        mb(second.new_stored_bytes),
        second.reused_chunks,
        mb(second.reused_bytes),
        second_secs,
        mb(second.logical_bytes) / second_secs
    );
    eprintln!(
        "store: {} snapshots, {} chunks, {:.2} MiB stored for {:.1} MiB logical: dedup ratio {:.2}",
        store.snapshots,
        store.chunks,
        mb(store.stored_bytes),
        mb(store.logical_bytes),
        store.dedup_ratio()
    );
    assert!(second.new_stored_bytes <= 3 * MIB / 2, "second snapshot stored {}", second.new_stored_bytes);
    assert!(second.new_stored_bytes >= MIB);

    let dest = fx.path("from-snap-1");
    fx.store.restore("snap-1", &dest).unwrap();
    assert_eq!(hash_file(&dest), original);
    fx.store.restore("snap-2", &dest).unwrap();
    assert_eq!(hash_file(&dest), blake3::hash(&data));
    let t = Instant::now();
    fx.store.verify("snap-2").unwrap();
    eprintln!("verify 100 MiB: {:.2} s", t.elapsed().as_secs_f64());
}

#[test]
fn progress_runs_from_zero_to_total() {
    let fx = Fixture::new();
    let src = fx.write("vol", &random_bytes(5, 9 * MIB as usize));
    let mut calls = Vec::new();
    fx.store.create_snapshot("snap-p", &src, &mut |done, total| calls.push((done, total))).unwrap();
    let total = 9 * MIB;
    assert_eq!(calls.first(), Some(&(0, total)));
    assert_eq!(calls.last(), Some(&(total, total)));
    assert!(calls.len() >= 3, "{calls:?}");
    assert!(calls.windows(2).all(|w| w[0].0 <= w[1].0 && w[1].1 == total));
}

#[test]
fn bad_ids_and_missing_snapshots_are_typed_errors() {
    let fx = Fixture::new();
    let src = fx.write("vol", b"hello");
    assert!(matches!(fx.store.restore("nope", &fx.path("x")), Err(BlockError::NotFound(id)) if id == "nope"));
    assert!(matches!(fx.store.verify("nope"), Err(BlockError::NotFound(_))));
    assert!(matches!(fx.store.snapshot_size("nope"), Err(BlockError::NotFound(_))));
    assert!(matches!(fx.store.delete_snapshot("nope"), Err(BlockError::NotFound(_))));
    assert!(matches!(fx.store.copy_snapshot("nope", "b"), Err(BlockError::NotFound(_))));
    for bad in ["", "../x", ".hidden", "a/b", "snap id"] {
        assert!(matches!(fx.store.create_snapshot(bad, &src, &mut |_, _| {}), Err(BlockError::InvalidId(_))));
    }
    fx.snapshot("snap-a", &src);
    let again = fx.store.create_snapshot("snap-a", &src, &mut |_, _| {});
    assert!(matches!(again, Err(BlockError::AlreadyExists(_))));
    assert!(matches!(fx.store.copy_snapshot("snap-a", "snap-a"), Err(BlockError::AlreadyExists(_))));
    let missing = fx.store.create_snapshot("snap-b", &fx.path("no-such-file"), &mut |_, _| {});
    assert!(matches!(missing, Err(BlockError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound));
    assert_eq!(fx.store.list_snapshots().unwrap(), vec!["snap-a".to_string()]);
}
