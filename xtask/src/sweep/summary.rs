//! The sweep's summary: the counts, the refusal classes with examples, the
//! typed counts and the sample's builds, as Markdown for people and JSON
//! (with every spec's outcome) for tools and for comparing two sweeps.

use std::fmt::Write as _;

use serde::Serialize;

use super::child::{Generation, Outcome};
use super::classes::{self, CLASSES};
use super::ladder::Typed;
use super::sample::{self, Built};

/// How many examples each refusal class shows.
const EXAMPLES: usize = 3;

/// How many characters of a message an example shows.
const EXAMPLE_CHARS: usize = 300;

/// How many of the slowest specs are listed.
const SLOWEST: usize = 10;

/// Everything the sweep found.
#[derive(Serialize)]
pub struct Summary {
    pub dir: String,
    pub xtask: String,
    pub jobs: usize,
    pub timeout_seconds: u64,
    /// Wall time of the generation of every spec.
    pub seconds: f64,
    pub specs: usize,
    pub generated: usize,
    pub refused: usize,
    pub crashed: usize,
    pub timed_out: usize,
    /// `warning: ` lines over all specs.
    pub warnings: usize,
    pub refusal_classes: Vec<ClassCount>,
    pub typed: Ladder,
    pub sample: Option<Sample>,
    /// Every spec's outcome, by file name.
    pub results: Vec<Record>,
}

/// One refusal class and its specs.
#[derive(Serialize)]
pub struct ClassCount {
    pub class: &'static str,
    pub description: &'static str,
    pub count: usize,
    /// `spec: message`, the message cut short.
    pub examples: Vec<String>,
}

/// The generator's `typed:` counts, added up.
#[derive(Serialize)]
pub struct Ladder {
    /// How many generated specs printed a `typed:` line.
    pub reported_by: usize,
    #[serde(flatten)]
    pub total: Typed,
    /// The share of operations fully typed, in percent.
    pub typed_percent: Option<f64>,
}

/// The sample's builds.
#[derive(Serialize)]
pub struct Sample {
    pub seed: u64,
    pub requested: usize,
    /// How many the seed picked (fewer than requested when fewer
    /// generated); more than `builds` while the sample is building.
    pub picked: usize,
    /// Built against the workspace's `Cargo.lock` rather than a fresh
    /// resolve.
    pub offline: bool,
    pub seconds: f64,
    pub passed: usize,
    pub builds: Vec<Built>,
}

/// One spec's outcome, with its refusal's class.
#[derive(Serialize)]
pub struct Record {
    #[serde(flatten)]
    pub generation: Generation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<&'static str>,
}

/// What the summary is made from besides the generations.
pub struct Setting {
    pub dir: String,
    pub xtask: String,
    pub jobs: usize,
    pub timeout_seconds: u64,
    pub seconds: f64,
}

impl Summary {
    /// Counts `generations` (in the order of their specs).
    pub fn new(setting: Setting, generations: Vec<Generation>) -> Self {
        let count = |wanted: fn(&Outcome) -> bool| {
            generations
                .iter()
                .filter(|generation| wanted(&generation.outcome))
                .count()
        };
        let generated = count(|outcome| matches!(outcome, Outcome::Generated));
        let refused = count(|outcome| matches!(outcome, Outcome::Refused { .. }));
        let crashed = count(|outcome| matches!(outcome, Outcome::Crashed { .. }));
        let timed_out = count(|outcome| matches!(outcome, Outcome::TimedOut));

        let mut total = Typed::default();
        let mut reported_by = 0;
        for typed in generations.iter().filter_map(|g| g.typed.as_ref()) {
            total.add(typed);
            reported_by += 1;
        }

        let results: Vec<Record> = generations
            .into_iter()
            .map(|generation| {
                let class = match &generation.outcome {
                    Outcome::Refused { message } => Some(classes::classify(message).key),
                    _ => None,
                };
                Record { generation, class }
            })
            .collect();
        let refusal_classes = CLASSES
            .iter()
            .chain([&classes::OTHER])
            .filter_map(|class| {
                let members: Vec<&Record> = results
                    .iter()
                    .filter(|record| record.class == Some(class.key))
                    .collect();
                (!members.is_empty()).then(|| ClassCount {
                    class: class.key,
                    description: class.description,
                    count: members.len(),
                    examples: members
                        .iter()
                        .take(EXAMPLES)
                        .map(|record| example(&record.generation))
                        .collect(),
                })
            })
            .collect();

        Summary {
            dir: setting.dir,
            xtask: setting.xtask,
            jobs: setting.jobs,
            timeout_seconds: setting.timeout_seconds,
            seconds: setting.seconds,
            specs: results.len(),
            generated,
            refused,
            crashed,
            timed_out,
            warnings: results.iter().map(|r| r.generation.warnings).sum(),
            refusal_classes,
            typed: Ladder {
                reported_by,
                total,
                typed_percent: total.typed_percent(),
            },
            sample: None,
            results,
        }
    }

    /// The specs generated, for the sample to be picked from.
    pub fn generated_specs(&self) -> impl Iterator<Item = &str> {
        self.results
            .iter()
            .filter(|record| matches!(record.generation.outcome, Outcome::Generated))
            .map(|record| record.generation.spec.as_str())
    }

    /// Whether every spec gave a crate or a refusal, and every crate of the
    /// sample passed.
    pub fn clean(&self) -> bool {
        self.crashed == 0
            && self.timed_out == 0
            && self
                .sample
                .as_ref()
                .is_none_or(|sample| sample.passed == sample.builds.len())
    }

    /// The summary as Markdown.
    pub fn markdown(&self) -> String {
        let mut text = String::new();
        let percent = |n: usize| 100.0 * n as f64 / self.specs.max(1) as f64;
        let _ = writeln!(text, "# Sweep of {}\n", self.dir);
        let _ = writeln!(
            text,
            "{} specs, generated {} at a time by `{} regen` (at most {} s each): {}.\n",
            self.specs,
            self.jobs,
            self.xtask,
            self.timeout_seconds,
            duration(self.seconds)
        );
        let _ = writeln!(text, "| outcome | specs | share |\n| --- | ---: | ---: |");
        for (label, n) in [
            ("generated", self.generated),
            ("refused", self.refused),
            ("crashed", self.crashed),
            ("timed out", self.timed_out),
        ] {
            let _ = writeln!(text, "| {label} | {n} | {:.1} % |", percent(n));
        }
        let _ = writeln!(
            text,
            "\n{} warnings in all (`warning: ` lines of `regen`).\n",
            self.warnings
        );

        let _ = writeln!(text, "## Typed\n");
        let typed = &self.typed;
        if typed.reported_by == 0 {
            let _ = writeln!(
                text,
                "No spec printed a `typed:` line (a generator without the count).\n"
            );
        } else {
            let share = typed
                .typed_percent
                .map_or_else(String::new, |p| format!(" ({p:.2} %)"));
            let _ = writeln!(
                text,
                "From the `typed:` line of {} of the {} generated specs: {} of {} operations \
                 fully typed{share}, {} left out; {} of {} schemas untyped.\n",
                typed.reported_by,
                self.generated,
                typed.total.fully_typed,
                typed.total.operations,
                typed.total.left_out,
                typed.total.untyped_schemas,
                typed.total.schemas,
            );
        }

        if !self.refusal_classes.is_empty() {
            let _ = writeln!(
                text,
                "## Refusals by class\n\n| class | specs | what |\n| --- | ---: | --- |"
            );
            for class in &self.refusal_classes {
                let _ = writeln!(
                    text,
                    "| `{}` | {} | {} |",
                    class.class, class.count, class.description
                );
            }
            let _ = writeln!(text);
            for class in &self.refusal_classes {
                let _ = writeln!(text, "`{}`:", class.class);
                for example in &class.examples {
                    let _ = writeln!(text, "- {}", example.replace('\n', " / "));
                }
                let _ = writeln!(text);
            }
        }

        let unfinished: Vec<&Record> = self
            .results
            .iter()
            .filter(|r| {
                matches!(
                    r.generation.outcome,
                    Outcome::Crashed { .. } | Outcome::TimedOut
                )
            })
            .collect();
        if !unfinished.is_empty() {
            let _ = writeln!(text, "## Crashed or timed out\n");
            for record in unfinished {
                let _ = writeln!(text, "- {}", example(&record.generation));
            }
            let _ = writeln!(text);
        }

        let mut slowest: Vec<&Generation> = self.results.iter().map(|r| &r.generation).collect();
        slowest.sort_by(|a, b| b.seconds.total_cmp(&a.seconds));
        let _ = writeln!(text, "## Slowest\n");
        for generation in slowest.iter().take(SLOWEST) {
            let _ = writeln!(text, "- {}: {:.1} s", generation.spec, generation.seconds);
        }
        let _ = writeln!(text);

        if let Some(sample) = &self.sample {
            sample_markdown(&mut text, sample);
        }
        text
    }
}

fn sample_markdown(text: &mut String, sample: &Sample) {
    let resolve = if sample.offline {
        "the workspace's `Cargo.lock`, offline"
    } else {
        "a fresh resolve (the newest dependencies)"
    };
    let _ = writeln!(
        text,
        "## Sample built\n\n{} of {} crates (seed {}, {resolve}) build with every feature \
         without a warning and pass their mock samples' test: {}.\n",
        sample.passed,
        sample.builds.len(),
        sample.seed,
        duration(sample.seconds)
    );
    if sample.builds.len() < sample.picked {
        let _ = writeln!(
            text,
            "Part of the sample: {} of the {} crates picked were built when this was written.\n",
            sample.builds.len(),
            sample.picked
        );
    }
    for built in &sample.builds {
        let line = match &built.result {
            sample::Result::Passed { tests } => format!("passed ({tests} tests)"),
            sample::Result::Failed { step, message } => format!("FAILED `{step}`: {message}"),
            sample::Result::Warned {
                step,
                warnings,
                first,
            } => format!("WARNED `{step}`: {warnings} warnings, the first: {first}"),
            sample::Result::TimedOut { step } => format!("TIMED OUT `{step}`"),
            sample::Result::NotGenerated { message } => format!("NOT GENERATED: {message}"),
        };
        let _ = writeln!(text, "- {}: {line} ({:.0} s)", built.spec, built.seconds);
    }
    let _ = writeln!(text);
}

/// `spec: message`, cut short, for a refusal or crash.
fn example(generation: &Generation) -> String {
    let message = match &generation.outcome {
        Outcome::Refused { message } | Outcome::Crashed { message } => message.as_str(),
        Outcome::TimedOut => "timed out",
        Outcome::Generated => "generated",
    };
    let short: String = message.chars().take(EXAMPLE_CHARS).collect();
    let ellipsis = if short.len() < message.len() {
        "…"
    } else {
        ""
    };
    format!("{}: {short}{ellipsis}", generation.spec)
}

/// `612 s (10 min 12 s)`.
fn duration(seconds: f64) -> String {
    let whole = seconds.round() as u64;
    if whole < 60 {
        return format!("{seconds:.1} s");
    }
    format!("{whole} s ({} min {} s)", whole / 60, whole % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generation(spec: &str, outcome: Outcome, typed: Option<Typed>) -> Generation {
        Generation {
            spec: spec.to_owned(),
            outcome,
            seconds: 0.5,
            warnings: 2,
            typed,
        }
    }

    #[test]
    fn outcomes_are_counted_and_refusals_classed() {
        let typed = Typed {
            fully_typed: 9,
            operations: 10,
            left_out: 1,
            untyped_schemas: 2,
            schemas: 20,
        };
        let summary = Summary::new(
            Setting {
                dir: "specs".to_owned(),
                xtask: "xtask".to_owned(),
                jobs: 2,
                timeout_seconds: 60,
                seconds: 75.0,
            },
            vec![
                generation("a.json", Outcome::Generated, Some(typed)),
                generation("b.json", Outcome::Generated, None),
                generation(
                    "c.json",
                    Outcome::Refused {
                        message: "c.json:1:1: something no class knows".to_owned(),
                    },
                    None,
                ),
                generation(
                    "d.json",
                    Outcome::Crashed {
                        message: "panic: boom".to_owned(),
                    },
                    None,
                ),
                generation("e.json", Outcome::TimedOut, None),
            ],
        );
        assert_eq!(
            (
                summary.generated,
                summary.refused,
                summary.crashed,
                summary.timed_out
            ),
            (2, 1, 1, 1)
        );
        assert_eq!(summary.warnings, 10);
        assert_eq!(summary.typed.reported_by, 1);
        assert_eq!(summary.typed.typed_percent, Some(90.0));
        assert_eq!(summary.refusal_classes.len(), 1);
        assert_eq!(summary.refusal_classes[0].class, "other");
        assert_eq!(
            summary.generated_specs().collect::<Vec<_>>(),
            ["a.json", "b.json"]
        );
        assert!(!summary.clean());
        let markdown = summary.markdown();
        for expected in [
            "| generated | 2 | 40.0 % |",
            "| crashed | 1 | 20.0 % |",
            "9 of 10 operations fully typed (90.00 %), 1 left out; 2 of 20 schemas untyped",
            "- c.json: c.json:1:1: something no class knows",
            "- d.json: panic: boom",
            "- e.json: timed out",
            "75 s (1 min 15 s)",
        ] {
            assert!(
                markdown.contains(expected),
                "no {expected:?} in:\n{markdown}"
            );
        }
    }
}
