//! Score floors: a committed JSON file of minimum scores per benchmark, checked
//! after a run (`--check-floors FILE`). Floors only ever rise.

use std::path::Path;

use anyhow::{bail, Context};
use serde_json::{json, Value};

/// Sections a floors file may hold, one per command and input mode.
pub const SECTIONS: [&str; 5] = [
    "scrapinghub",
    "readability-html",
    "readability-text",
    "samples",
    "seed",
];

/// Slack for floating-point noise when a score equals its floor.
const FLOOR_TOLERANCE: f64 = 1e-9;

/// The outcome of checking one run against the floors file.
#[derive(Debug, Default)]
pub struct FloorCheck {
    /// How many metrics had a floor.
    pub checked: usize,
    /// One message per metric below its floor.
    pub failures: Vec<String>,
    /// The file has no section for this run.
    pub no_section: bool,
}

impl FloorCheck {
    /// Whether every floor held.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// The outcome as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "passed": self.passed(),
            "checked": self.checked,
            "failures": self.failures,
        })
    }
}

/// Reads the floors file. A missing file, bad JSON, an unknown section or a
/// non-numeric floor is an error (the file is wrong, not the extractor).
pub fn load(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read floors file", path.display()))?;
    let value: Value = serde_json::from_str(&text)
        .with_context(|| format!("{}: malformed floors JSON", path.display()))?;
    let Some(sections) = value.as_object() else {
        bail!("{}: floors file must be a JSON object", path.display());
    };
    for (name, floors) in sections {
        if !SECTIONS.contains(&name.as_str()) {
            bail!(
                "{}: unknown section {name:?} (known: {})",
                path.display(),
                SECTIONS.join(", ")
            );
        }
        let Some(floors) = floors.as_object() else {
            bail!("{}: section {name:?} must be an object", path.display());
        };
        for (metric, floor) in floors {
            if !floor.is_number() {
                bail!("{}: {name}.{metric} must be a number", path.display());
            }
        }
    }
    Ok(value)
}

/// Compares `metrics` with the floors in `section` of `floors`. A metric the
/// run does not know is an error; an undefined metric (`None`, e.g. no page
/// scored) fails any floor above zero.
pub fn check(
    floors: &Value,
    section: &str,
    metrics: &[(&'static str, Option<f64>)],
) -> anyhow::Result<FloorCheck> {
    let Some(section_floors) = floors.get(section).and_then(Value::as_object) else {
        return Ok(FloorCheck {
            no_section: true,
            ..FloorCheck::default()
        });
    };
    let mut outcome = FloorCheck::default();
    for (metric, floor) in section_floors {
        let Some(&(_, value)) = metrics.iter().find(|(name, _)| name == metric) else {
            let known: Vec<&str> = metrics.iter().map(|(name, _)| *name).collect();
            bail!(
                "floors: unknown metric {section}.{metric} (known: {})",
                known.join(", ")
            );
        };
        let floor = floor.as_f64().unwrap_or(0.0);
        outcome.checked += 1;
        match value {
            Some(v) if v + FLOOR_TOLERANCE >= floor => {}
            Some(v) => outcome.failures.push(format!(
                "{section}.{metric} = {v:.4} is below its floor {floor:.4}"
            )),
            None if floor <= 0.0 => {}
            None => outcome.failures.push(format!(
                "{section}.{metric} is undefined (nothing scored) but its floor is {floor:.4}"
            )),
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_pass_fail_and_unknown() {
        let floors = json!({"scrapinghub": {"f1": 0.5, "recall": 0.2, "precision": 0.1}});
        let metrics = [
            ("f1", Some(0.4)),
            ("recall", Some(0.2)),
            ("precision", None),
        ];
        let outcome = check(&floors, "scrapinghub", &metrics).expect("known metrics");
        assert_eq!(outcome.checked, 3);
        assert_eq!(outcome.failures.len(), 2);
        assert!(outcome.failures[0].contains("scrapinghub.f1"));
        assert!(
            check(&floors, "samples", &metrics)
                .expect("no section")
                .no_section
        );
        let typo = json!({"scrapinghub": {"f2": 0.0}});
        assert!(check(&typo, "scrapinghub", &metrics).is_err());
    }
}
