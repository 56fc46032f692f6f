#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use blockstore::BlockStore;
use rand::{rngs::StdRng, RngCore, SeedableRng};

pub const MIB: u64 = 1 << 20;

pub fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut data = vec![0u8; len];
    StdRng::seed_from_u64(seed).fill_bytes(&mut data);
    data
}

/// Text-like, compressible bytes that still vary (so chunks differ).
pub fn text_bytes(len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 64);
    let mut i = 0u64;
    while out.len() < len {
        out.extend_from_slice(format!("line {i}: the quick brown fox jumps over the lazy dog\n").as_bytes());
        i += 1;
    }
    out.truncate(len);
    out
}

pub fn hash_file(path: &Path) -> blake3::Hash {
    blake3::hash(&fs::read(path).unwrap())
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub store: BlockStore,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let store = BlockStore::open(&dir.path().join("store")).unwrap();
        Fixture { dir, store }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, data: &[u8]) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, data).unwrap();
        path
    }

    pub fn snapshot(&self, id: &str, source: &Path) -> blockstore::SnapshotStats {
        self.store.create_snapshot(id, source, &mut |_, _| {}).unwrap()
    }

    /// Every chunk file in the store.
    pub fn chunk_files(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for dir in fs::read_dir(self.dir.path().join("store/chunks")).unwrap() {
            for entry in fs::read_dir(dir.unwrap().path()).unwrap() {
                files.push(entry.unwrap().path());
            }
        }
        files.sort();
        files
    }

    /// Files in the fixture's top directory (to spot leftovers).
    pub fn top_level_names(&self) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(self.dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        names.sort();
        names
    }
}
