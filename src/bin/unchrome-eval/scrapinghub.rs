//! The scrapinghub (Zyte) article-extraction benchmark, scored exactly as its
//! upstream `evaluate.py` does: 4-gram shingle precision, recall and F1.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::{json, Map, Value};
use unchrome::InputFormat;

use crate::common::{
    body_text, fmt_score, read_bytes, read_json, require_dir, sorted_entries, warn, worst_n,
    Cleaner, Report,
};
use crate::metrics::{mean, shingle_match, shingle_scores, upstream_accuracy, TpFpFn};
use crate::stats::{bootstrap, BOOTSTRAP_ROUNDS, BOOTSTRAP_SEED};

/// Flags of `unchrome-eval scrapinghub`.
#[derive(Debug)]
pub struct Options {
    /// The benchmark folder, with `html/` and `truth/`.
    pub dir: PathBuf,
    /// How many worst pages to list.
    pub worst: usize,
    /// Score only the first pages (by id).
    pub limit: Option<usize>,
    /// Use the truth as the prediction (checks the metric: F1 must be 1).
    pub oracle: bool,
    /// Score these saved predictions (upstream's `output/*.json` shape)
    /// instead of running unchrome.
    pub predictions: Option<PathBuf>,
    /// Write the predictions in upstream's `output/*.json` shape.
    pub save_predictions: Option<PathBuf>,
}

/// One scored page.
#[derive(Debug)]
struct PageScore {
    id: String,
    counts: TpFpFn,
    accuracy: f64,
}

impl PageScore {
    fn to_json(&self) -> Value {
        let c = &self.counts;
        json!({
            "id": self.id,
            "tp": c.tp, "fp": c.fp, "fn": c.fn_,
            "precision": c.in_precision().then(|| c.precision()),
            "recall": c.in_recall().then(|| c.recall()),
            "f1": c.f1(),
            "accuracy": self.accuracy,
        })
    }
}

/// The page ids: stems of `html/*.html` and `truth/*.json`, sorted.
fn page_ids(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut ids = BTreeSet::new();
    for (sub, ext) in [("html", "html"), ("truth", "json")] {
        let folder = dir.join(sub);
        require_dir(&folder)?;
        for path in sorted_entries(&folder)? {
            if path.extension().is_some_and(|e| e == ext) {
                if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                    ids.insert(stem.to_string());
                }
            }
        }
    }
    Ok(ids.into_iter().collect())
}

/// Reads saved predictions: `{id: {"articleBody": text}}`, optionally wrapped
/// as `{"version": …, "output": {…}}` as upstream's `load_prediction` allows.
fn load_predictions(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read predictions", path.display()))?;
    let value: Value = serde_json::from_str(&text)
        .with_context(|| format!("{}: malformed predictions JSON", path.display()))?;
    let entries = value.get("output").unwrap_or(&value);
    let Some(entries) = entries.as_object() else {
        anyhow::bail!(
            "{}: predictions must be a JSON object of pages",
            path.display()
        );
    };
    Ok(entries
        .iter()
        .map(|(id, entry)| {
            let body = entry.get("articleBody").and_then(Value::as_str);
            (id.clone(), body.unwrap_or_default().to_string())
        })
        .collect())
}

/// Scores the benchmark in `options.dir`.
pub fn run(options: &Options) -> anyhow::Result<Report> {
    let mut ids = page_ids(&options.dir)?;
    let saved = match &options.predictions {
        Some(path) => Some(load_predictions(path)?),
        None => None,
    };
    if let Some(limit) = options.limit {
        ids.truncate(limit);
    }
    let mut cleaner = Cleaner::default();
    let mut pages = Vec::new();
    let mut skipped = 0usize;
    let mut empty_predictions = 0usize;
    let mut predictions = Map::new();
    for id in ids {
        let truth_path = options.dir.join("truth").join(format!("{id}.json"));
        let Some(truth) = read_json(&truth_path) else {
            warn(format!("{id}: no usable truth, page skipped"));
            skipped += 1;
            continue;
        };
        // Upstream: `ground_truth[key].get('articleBody', '')`.
        let truth = truth
            .get("articleBody")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let prediction = if options.oracle {
            truth.clone()
        } else if let Some(saved) = &saved {
            saved.get(&id).cloned().unwrap_or_else(|| {
                warn(format!(
                    "{id}: not in the predictions file, scored as empty"
                ));
                String::new()
            })
        } else {
            let html_path = options.dir.join("html").join(format!("{id}.html"));
            read_bytes(&html_path)
                .and_then(|bytes| cleaner.clean(&html_path, bytes, InputFormat::Html))
                .map(|page| body_text(&page))
                .unwrap_or_default()
        };
        if prediction.trim().is_empty() {
            empty_predictions += 1;
        }
        pages.push(PageScore {
            counts: shingle_match(&truth, &prediction),
            accuracy: upstream_accuracy(&truth, &prediction),
            id: id.clone(),
        });
        predictions.insert(id, json!({ "articleBody": prediction }));
    }
    if let Some(path) = &options.save_predictions {
        let text = serde_json::to_string_pretty(&Value::Object(predictions))?;
        std::fs::write(path, text).with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(report(
        options,
        &pages,
        skipped,
        empty_predictions,
        &cleaner,
    ))
}

/// `0.812 ± 0.020`, or `n/a` for an undefined score.
fn with_spread(score: Option<f64>, std: f64) -> String {
    match score {
        Some(_) => format!("{} ± {std:.3}", fmt_score(score)),
        None => fmt_score(None),
    }
}

/// Builds the report from the scored pages.
fn report(
    options: &Options,
    pages: &[PageScore],
    skipped: usize,
    empty_predictions: usize,
    cleaner: &Cleaner,
) -> Report {
    let counts: Vec<TpFpFn> = pages.iter().map(|p| p.counts).collect();
    let accuracies: Vec<f64> = pages.iter().map(|p| p.accuracy).collect();
    let scores = shingle_scores(&counts);
    let accuracy = mean(accuracies.iter().copied());
    let spread = bootstrap(&counts, &accuracies, BOOTSTRAP_ROUNDS, BOOTSTRAP_SEED);
    let precision_pages = counts.iter().filter(|c| c.in_precision()).count();
    let recall_pages = counts.iter().filter(|c| c.in_recall()).count();

    let worst = worst_n(pages, options.worst, |p| p.counts.f1(), |p| &p.id);

    let json = json!({
        "bench": "scrapinghub",
        "dir": options.dir.display().to_string(),
        "oracle": options.oracle,
        "pages": pages.len(),
        "skipped": skipped,
        "empty_predictions": empty_predictions,
        "f1": scores.f1,
        "f1_std": spread.f1,
        "precision": scores.precision,
        "precision_std": spread.precision,
        "precision_pages": precision_pages,
        "recall": scores.recall,
        "recall_std": spread.recall,
        "recall_pages": recall_pages,
        "accuracy": accuracy,
        "accuracy_std": spread.accuracy,
        "bootstrap": {"rounds": BOOTSTRAP_ROUNDS, "seed": BOOTSTRAP_SEED},
        "timing": cleaner.to_json(),
        "worst": worst.iter().map(|p| p.to_json()).collect::<Vec<_>>(),
        "per_page": pages.iter().map(PageScore::to_json).collect::<Vec<_>>(),
    });

    let mut table = String::new();
    let oracle = if options.oracle {
        " [oracle: prediction = truth, nothing cleaned]"
    } else if options.predictions.is_some() {
        " [saved predictions, nothing cleaned]"
    } else {
        ""
    };
    let _ = writeln!(
        table,
        "scrapinghub {}{oracle}\n{} pages scored, {skipped} skipped, {empty_predictions} empty predictions",
        options.dir.display(),
        pages.len()
    );
    let _ = writeln!(
        table,
        "F1         {}",
        with_spread(Some(scores.f1), spread.f1)
    );
    let _ = writeln!(
        table,
        "precision  {}  (over {precision_pages} pages with output)",
        with_spread(scores.precision, spread.precision)
    );
    let _ = writeln!(
        table,
        "recall     {}  (over {recall_pages} pages with truth)",
        with_spread(scores.recall, spread.recall)
    );
    let _ = writeln!(
        table,
        "accuracy   {}  (token lists identical)",
        with_spread(accuracy, spread.accuracy)
    );
    let _ = writeln!(table, "{}", cleaner.line());
    if !worst.is_empty() {
        let _ = writeln!(table, "\nworst {} pages by F1:", worst.len());
        let _ = writeln!(table, "  {:<6} {:<6} {:<6} id", "F1", "P", "R");
        for page in &worst {
            let c = &page.counts;
            let _ = writeln!(
                table,
                "  {:<6} {:<6} {:<6} {}",
                fmt_score(Some(c.f1())),
                fmt_score(c.in_precision().then(|| c.precision())),
                fmt_score(c.in_recall().then(|| c.recall())),
                page.id
            );
        }
    }

    Report {
        section: "scrapinghub".to_string(),
        metrics: vec![
            ("f1", Some(scores.f1)),
            ("precision", scores.precision),
            ("recall", scores.recall),
            ("accuracy", accuracy),
        ],
        json,
        table,
    }
}
