//! Bootstrap standard deviations of the scrapinghub scores, drawn with a small
//! seeded PRNG so that every run prints the same ± values.

use crate::metrics::{mean, shingle_scores, TpFpFn};

/// Bootstrap resamples, as upstream `evaluate.py --n-bootstrap` defaults to.
pub const BOOTSTRAP_ROUNDS: usize = 1000;

/// Fixed seed of the resampling PRNG.
pub const BOOTSTRAP_SEED: u64 = 0x756E_6368_726F_6D65; // "unchrome"

/// SplitMix64 increment (the golden-ratio gamma).
const SPLITMIX_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
/// SplitMix64 first mixing multiplier.
const SPLITMIX_MUL1: u64 = 0xBF58_476D_1CE4_E5B9;
/// SplitMix64 second mixing multiplier.
const SPLITMIX_MUL2: u64 = 0x94D0_49BB_1331_11EB;
/// SplitMix64 shifts, in the order the algorithm applies them.
const SPLITMIX_SHIFTS: [u32; 3] = [30, 27, 31];

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, good enough to resample.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let [s1, s2, s3] = SPLITMIX_SHIFTS;
        self.state = self.state.wrapping_add(SPLITMIX_GAMMA);
        let mut z = self.state;
        z = (z ^ (z >> s1)).wrapping_mul(SPLITMIX_MUL1);
        z = (z ^ (z >> s2)).wrapping_mul(SPLITMIX_MUL2);
        z ^ (z >> s3)
    }

    /// A number in `0..n` (multiply-shift; the bias is below 2⁻⁵⁰ for our `n`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> u64::BITS) as usize
    }
}

/// Sample standard deviation (n − 1), as Python's `statistics.stdev`;
/// 0 for fewer than two values.
pub fn sample_std(values: &[f64]) -> f64 {
    let Some(m) = mean(values.iter().copied()) else {
        return 0.0;
    };
    if values.len() < 2 {
        return 0.0;
    }
    let squares: f64 = values.iter().map(|v| (v - m) * (v - m)).sum();
    (squares / (values.len() - 1) as f64).sqrt()
}

/// Standard deviations of the scores over bootstrap resamples of the pages.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Spread {
    /// Of the F1.
    pub f1: f64,
    /// Of the precision (resamples where it is defined).
    pub precision: f64,
    /// Of the recall (resamples where it is defined).
    pub recall: f64,
    /// Of the accuracy.
    pub accuracy: f64,
}

/// Resamples the pages `rounds` times with replacement and returns the
/// standard deviation of each score, as upstream `evaluate` does.
pub fn bootstrap(pages: &[TpFpFn], accuracies: &[f64], rounds: usize, seed: u64) -> Spread {
    let n = pages.len().min(accuracies.len());
    if n == 0 {
        return Spread::default();
    }
    let mut rng = SplitMix64::new(seed);
    let (mut f1s, mut precisions, mut recalls, mut accs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut indices = vec![0usize; n];
    for _ in 0..rounds {
        for slot in indices.iter_mut() {
            *slot = rng.below(n);
        }
        let scores = shingle_scores(indices.iter().map(|&i| &pages[i]));
        f1s.push(scores.f1);
        precisions.extend(scores.precision);
        recalls.extend(scores.recall);
        accs.extend(mean(indices.iter().map(|&i| accuracies[i])));
    }
    Spread {
        f1: sample_std(&f1s),
        precision: sample_std(&precisions),
        recall: sample_std(&recalls),
        accuracy: sample_std(&accs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prng_is_deterministic_and_in_range() {
        let mut a = SplitMix64::new(BOOTSTRAP_SEED);
        let mut b = SplitMix64::new(BOOTSTRAP_SEED);
        for _ in 0..100 {
            let x = a.below(7);
            assert_eq!(x, b.below(7));
            assert!(x < 7);
        }
        // Reference value of SplitMix64 seeded with 0.
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn sample_std_matches_python() {
        // statistics.stdev([1, 2, 3, 4]) = 1.2909944487358056
        assert!((sample_std(&[1.0, 2.0, 3.0, 4.0]) - 1.290_994_448_735_805_6).abs() < 1e-12);
        assert_eq!(sample_std(&[5.0]), 0.0);
    }

    #[test]
    fn identical_pages_have_no_spread() {
        let page = TpFpFn {
            tp: 0.5,
            fp: 0.25,
            fn_: 0.25,
        };
        let spread = bootstrap(&[page; 5], &[1.0; 5], 50, 1);
        assert!(spread.f1.abs() < 1e-12 && spread.accuracy.abs() < 1e-12);
    }
}
