//! MinHash signatures of an article body and the LSH band keys that find candidates.
//!
//! A body becomes the set of its 3-word shingles over the analyzer's normalized words (so
//! diacritics, letter variants and punctuation do not count as edits); the signature keeps, for
//! each of [`HASHES`] seeded hash functions, the smallest hash over that set. Two signatures
//! agree at a position with probability equal to the Jaccard similarity of the two sets, so
//! the share of agreeing positions estimates it. Pure functions: this runs on the loader's
//! worker thread.

use crate::analysis::tokens;

/// Hash functions per signature. 128 give an estimate within ±0.043 (one standard deviation)
/// at a similarity of 0.6, the threshold, tight enough to decide without reading the texts.
pub const HASHES: usize = 128;
/// LSH bands and rows per band, taken from the first `BANDS * ROWS` hashes. Two bodies become
/// candidates when one band agrees in all its rows: probability `1 - (1 - J^4)^25`, which is
/// 0.97 at the threshold (J = 0.6), 0.998 at J = 0.7 and 0.2 at J = 0.3, so reprints are
/// almost never missed while unrelated articles (J near 0) are almost never compared. 25 bands
/// rather than 32 keeps the band table at 25 rows an article for 1 % less recall at J = 0.6.
pub const BANDS: usize = 25;
pub const ROWS: usize = 4;
/// Words per shingle: three words keep word order (a reshuffled text is another text) while
/// one typo changes only three shingles.
const SHINGLE_WORDS: usize = 3;
/// Bodies with fewer shingles than this get no signature and are never flagged: a dozen words
/// ("watch the video", a one-line brief) are too few for a similarity to mean "the same story".
pub const MIN_SHINGLES: usize = 10;
/// The seed of the hash functions. Fixed forever for stored signatures: changing it, or
/// anything above, means bumping [`SIGNATURE_VERSION`] so every signature is computed again.
const SEED: u64 = 0x4152_5348_4e44_5550; // "ARSHNDUP"
/// Recorded in `archive_meta` beside the signatures it describes (see `ensure_signatures`).
pub const SIGNATURE_VERSION: u32 = 1;

/// A body's MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

impl Signature {
    /// The signature of `body`, or `None` when it is too short to compare (see [`MIN_SHINGLES`]).
    pub fn of(body: &str) -> Option<Signature> {
        let words: Vec<String> = tokens(body).map(|token| token.normalized).collect();
        if words.len() < SHINGLE_WORDS + MIN_SHINGLES - 1 {
            return None;
        }
        let mut shingles: Vec<u64> = words
            .windows(SHINGLE_WORDS)
            .map(|window| {
                let mut hash = FNV_OFFSET;
                for word in window {
                    hash = fnv1a(hash, word.as_bytes());
                    hash = fnv1a(hash, b" ");
                }
                hash
            })
            .collect();
        // A repeated shingle counts once in a set; skipping it also saves its 128 mixes.
        shingles.sort_unstable();
        shingles.dedup();
        if shingles.len() < MIN_SHINGLES {
            return None;
        }
        let mut minimums = [u32::MAX; HASHES];
        for (index, minimum) in minimums.iter_mut().enumerate() {
            let seed = mix(SEED ^ index as u64);
            for &shingle in &shingles {
                // The high half: splitmix's finalizer mixes best into the top bits.
                let hash = (mix(shingle ^ seed) >> 32) as u32;
                *minimum = (*minimum).min(hash);
            }
        }
        Some(Signature(minimums))
    }

    /// The estimated Jaccard similarity of the two bodies' shingle sets, 0.0 to 1.0.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let agreeing = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        agreeing as f64 / HASHES as f64
    }

    /// One key per band: the band's number and its rows hashed into an SQLite integer. Two
    /// signatures share a key (almost) only when that band agrees.
    pub fn band_keys(&self) -> [i64; BANDS] {
        let mut keys = [0i64; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            let mut hash = fnv1a(FNV_OFFSET, &(band as u32).to_le_bytes());
            for value in &self.0[band * ROWS..(band + 1) * ROWS] {
                hash = fnv1a(hash, &value.to_le_bytes());
            }
            *key = mix(hash) as i64;
        }
        keys
    }

    /// The bytes stored in the archive: the hashes in little-endian order.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|h| h.to_le_bytes()).collect()
    }

    /// Reads [`Signature::to_bytes`] back; `None` for a blob of another length.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        let mut hashes = [0u32; HASHES];
        for (hash, chunk) in hashes.iter_mut().zip(bytes.chunks_exact(4)) {
            *hash = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Signature(hashes))
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a: written out here rather than taken from `std`'s hasher, whose output may change
/// between Rust releases; these hashes are stored in archives.
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// SplitMix64's finalizer: spreads one 64-bit value over all bits, so one shingle hash and
/// many seeds give independent-looking hash functions.
fn mix(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body of `n` distinct words.
    fn words(prefix: &str, n: usize) -> String {
        (0..n)
            .map(|i| format!("{prefix}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn check(a: &str, b: &str, low: f64, high: f64) {
        let (a, b) = (Signature::of(a).unwrap(), Signature::of(b).unwrap());
        let similarity = a.similarity(&b);
        assert!(
            (low..=high).contains(&similarity),
            "{similarity} not in {low}..={high}"
        );
    }

    #[test]
    fn similarity_follows_the_shared_shingles() {
        let base = words("كلمة", 200);
        // Identical; diacritics and letter forms are not edits.
        check(&base, &base, 1.0, 1.0);
        // 200 words and 20 more: 198 of 218 shingles shared, J = 0.91.
        check(&base, &format!("{base} {}", words("زيادة", 20)), 0.8, 1.0);
        // Two unrelated bodies share nothing.
        check(&base, &words("أخرى", 200), 0.0, 0.05);
        // Half the text: J = 0.5.
        check(&base, &words("كلمة", 100), 0.35, 0.65);
    }

    #[test]
    fn normalization_and_punctuation_are_not_edits() {
        let plain =
            "قال وزير الداخلية إن الاجتماع الأمني عقد في الرباط يوم الأربعاء بحضور ممثلين عن الدرك";
        let marked = "قالَ وزيرُ الداخليّة: «إن الإجتماع الأمني عُقد في الرباط» يومَ الاربعاء، بحضور ممثلين عن الدرك.";
        check(plain, marked, 1.0, 1.0);
    }

    #[test]
    fn short_bodies_have_no_signature() {
        assert_eq!(Signature::of(""), None);
        assert_eq!(Signature::of(&words("w", MIN_SHINGLES + 1)), None);
        assert!(Signature::of(&words("w", MIN_SHINGLES + 2)).is_some());
        // Repeated words make few distinct shingles.
        assert_eq!(Signature::of(&"شاهد الفيديو ".repeat(30)), None);
    }

    #[test]
    fn bytes_round_trip_and_bands_agree_with_signatures() {
        let signature = Signature::of(&words("كلمة", 50)).unwrap();
        let bytes = signature.to_bytes();
        assert_eq!(bytes.len(), HASHES * 4);
        assert_eq!(Signature::from_bytes(&bytes), Some(signature.clone()));
        assert_eq!(Signature::from_bytes(&bytes[1..]), None);
        let other = Signature::of(&words("أخرى", 50)).unwrap();
        let shared = |a: &Signature, b: &Signature| {
            let (a, b) = (a.band_keys(), b.band_keys());
            a.iter().filter(|k| b.contains(k)).count()
        };
        assert_eq!(shared(&signature, &signature), BANDS);
        assert_eq!(shared(&signature, &other), 0);
    }

    #[test]
    fn stored_hashes_never_change() {
        // Signatures live in archives: a change here must come with a new SIGNATURE_VERSION.
        let signature = Signature::of(&words("كلمة", 20)).unwrap();
        assert_eq!(
            (
                signature.0[0],
                signature.0[HASHES - 1],
                signature.band_keys()[0]
            ),
            (72_398_483, 7_164_318, -5_085_499_550_750_581_808),
            "update this pin together with SIGNATURE_VERSION"
        );
    }
}
