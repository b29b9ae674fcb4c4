//! The fuzz targets' checks (fuzz/src/lib.rs) on the stable toolchain, in every test run: the
//! seed corpora, the fixtures, every input a fuzzing run found (fuzz/regressions/<target>/),
//! and a few hundred seeded mutations of them per target. libFuzzer (scripts/fuzz.sh) explores
//! far more; this keeps what it found fixed and the checks compiling.
//!
//! `ARSHIF_FUZZ_MUTATIONS=N` sets the mutations per target (a few thousand for a longer run on a
//! machine without nightly).

#[allow(dead_code)]
#[path = "../../../fuzz/src/lib.rs"]
mod checks;

use std::path::{Path, PathBuf};
use std::time::Instant;

const DEFAULT_MUTATIONS: usize = 300;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The inputs a target starts from: its seeds and regressions, and every fixture (an HTML page
/// is a fine start for the text importer too, and the reverse).
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = root();
    let mut paths = files_in(&root.join("fuzz/seeds").join(target));
    paths.extend(files_in(&root.join("fuzz/regressions").join(target)));
    for dir in ["txt", "bad", "demo", "html", "md"] {
        paths.extend(files_in(&root.join("tests/fixtures").join(dir)));
    }
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

/// Pieces that steer parsers into their corners.
const TOKENS: &[&[u8]] = &[
    b"<div>",
    b"</div>",
    b"<p>",
    b"<script>",
    b"<!--",
    b"<meta charset=\"windows-1256\">",
    b"\0",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xD8\x00",
    b"\xE2\x80\xAE",
    b"---\n",
    b"# ",
    b"\"",
    b"(",
    b")",
    b" OR ",
    b"-",
    b"*",
    b"=",
    b"tag:",
    b"from:",
    "غشت".as_bytes(),
    "رمضان".as_bytes(),
    "١٤٤٣".as_bytes(),
    b" 2022 ",
    b"10/08/2022",
    b"PK\x03\x04",
    b"{\"schema\":\"arshif/1\",\"articles\":[",
    b"\"date-parts\":[[2022,8,10]]",
];

/// xorshift64*, seeded per target so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A few random edits of `input`, libFuzzer style: flip, insert, delete, duplicate, splice in a
/// token or a piece of `other`, truncate.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(data.len() + 1);
        match rng.below(7) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => data.insert(at, rng.next() as u8),
            2 if !data.is_empty() => {
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at.min(end)..end);
            }
            3 if !data.is_empty() => {
                let end = (at + rng.below(256)).min(data.len());
                let piece = data[at.min(end)..end].to_vec();
                for _ in 0..1 + rng.below(8) {
                    data.splice(at..at, piece.iter().copied());
                }
            }
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            5 if !other.is_empty() => {
                let start = rng.below(other.len());
                let end = (start + rng.below(512)).min(other.len());
                data.splice(at..at, other[start..end].iter().copied());
            }
            _ => data.truncate(at),
        }
    }
    data
}

/// Runs one input; on a panic, saves it where the message says and fails.
fn run(target: &str, data: &[u8], what: &str) {
    let result = std::panic::catch_unwind(|| checks::run(target, data));
    if result.is_err() {
        let saved = std::env::temp_dir().join(format!("arshif-fuzz-{target}-failure"));
        std::fs::write(&saved, data).unwrap();
        panic!(
            "{target}: {what} failed; the input is in {} (keep it under fuzz/regressions/{target}/)",
            saved.display()
        );
    }
}

#[test]
fn every_target_survives_its_corpus_and_mutations() {
    let mutations = std::env::var("ARSHIF_FUZZ_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_MUTATIONS);
    for &target in checks::TARGETS {
        let started = Instant::now();
        let inputs = inputs(target);
        assert!(!inputs.is_empty(), "{target} has no inputs");
        for (path, bytes) in &inputs {
            run(target, bytes, &path.display().to_string());
        }
        // FNV-1a of the name: each target its own sequence, the same on every run.
        let seed = target.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, b| {
            (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let mut rng = Rng(seed);
        for n in 0..mutations {
            let (_, input) = &inputs[rng.below(inputs.len())];
            let (_, other) = &inputs[rng.below(inputs.len())];
            // Large inputs are cut first: the HTML parser is unoptimized in test builds.
            let input = &input[..input.len().min(16 * 1024)];
            let data = mutate(&mut rng, input, other);
            run(target, &data, &format!("mutation {n}"));
        }
        println!(
            "{target}: {} inputs and {mutations} mutations in {:.1} s",
            inputs.len(),
            started.elapsed().as_secs_f64()
        );
    }
}
