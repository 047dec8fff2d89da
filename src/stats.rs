//! Percentiles within the repository: the one way every "top N%" and every percentile factor
//! is computed, so a file's rank means the same thing in every explanation.

/// The sorted values of one measure over a population (files, functions, graph nodes).
#[derive(Debug, Clone, Default)]
pub struct Distribution {
    sorted: Vec<f64>,
}

impl Distribution {
    /// The distribution of `values` (NaN sorts last and matches nothing).
    pub fn new(values: impl IntoIterator<Item = f64>) -> Distribution {
        let mut sorted: Vec<f64> = values.into_iter().collect();
        sorted.sort_by(f64::total_cmp);
        Distribution { sorted }
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// The mid-rank percentile of `x`, 0–1: the share of values below `x`, counting values
    /// equal to it as half. Ties share one percentile, so a population where most values are
    /// equal does not rank them apart. 0 for an empty population.
    ///
    /// ```
    /// use debtscan::stats::Distribution;
    /// let d = Distribution::new([1.0, 2.0, 2.0, 3.0]);
    /// assert_eq!(d.percentile(2.0), 0.5);
    /// assert_eq!(d.percentile(3.0), 0.875);
    /// ```
    pub fn percentile(&self, x: f64) -> f64 {
        if self.sorted.is_empty() {
            return 0.0;
        }
        let below = self.below(x) as f64;
        let equal = self.at_or_below(x) as f64 - below;
        (below + 0.5 * equal) / self.sorted.len() as f64
    }

    /// The share of values at or below `x`, 0–1 (the inclusive percentile: the largest value
    /// is at 1).
    pub fn share_at_or_below(&self, x: f64) -> f64 {
        self.at_or_below(x) as f64 / self.sorted.len().max(1) as f64
    }

    /// The share of values at or above `x` as a "top N%" figure, rounded up, at least 1.
    pub fn top_percent(&self, x: f64) -> f64 {
        let n = self.sorted.len().max(1) as f64;
        let at_or_above = self.sorted.len() - self.below(x);
        (100.0 * at_or_above as f64 / n).ceil().max(1.0)
    }

    fn below(&self, x: f64) -> usize {
        self.sorted.partition_point(|&v| v < x)
    }

    fn at_or_below(&self, x: f64) -> usize {
        self.sorted.partition_point(|&v| v <= x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_count_ties_half_and_shares_are_inclusive() {
        let d = Distribution::new([5.0, 1.0, 3.0, 3.0]);
        assert_eq!(d.percentile(1.0), 0.125);
        assert_eq!(d.percentile(3.0), 0.5);
        assert_eq!(d.percentile(5.0), 0.875);
        assert_eq!(d.percentile(4.0), 0.75);
        assert_eq!(d.share_at_or_below(5.0), 1.0);
        assert_eq!(d.share_at_or_below(3.0), 0.75);
        assert_eq!(d.top_percent(5.0), 25.0);
        assert_eq!(d.top_percent(1.0), 100.0);
        assert_eq!(Distribution::default().percentile(1.0), 0.0);
        assert_eq!(Distribution::default().top_percent(1.0), 1.0);
    }
}
