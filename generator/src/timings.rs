//! How long each stage of a generation took, on each thread: what
//! `cargo xtask regen --timings` prints, so that where a large spec's time
//! goes can be measured by anyone, not only read about.
//!
//! Each thread keeps a [`Stopwatch`] of its own; they are gathered into one
//! [`Timings`] when generation ends.

use std::fmt;
use std::time::{Duration, Instant};

/// The stages of one generation, in the order each thread ran them.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Every stage, the main thread's first.
    pub stages: Vec<Stage>,
    /// From the start of reading the spec to the files in memory.
    pub total: Duration,
}

/// One stage on one thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// The thread it ran on: `main`, `second` (the mock and operations
    /// modules) or `positions` (the index of where members are written).
    pub thread: &'static str,
    /// What it did.
    pub name: &'static str,
    /// Wall-clock time.
    pub wall: Duration,
    /// The thread's CPU time, where the system tells it (Linux); less than
    /// `wall` when the thread waited or another one had the core.
    pub cpu: Option<Duration>,
}

/// Laps of one thread: each [`Stopwatch::lap`] ends a stage begun at the
/// previous lap.
pub(crate) struct Stopwatch {
    thread: &'static str,
    started: Instant,
    wall: Instant,
    cpu: Option<Duration>,
    stages: Vec<Stage>,
}

impl Stopwatch {
    pub(crate) fn start(thread: &'static str) -> Self {
        let now = Instant::now();
        Stopwatch {
            thread,
            started: now,
            wall: now,
            cpu: thread_cpu_time(),
            stages: Vec::new(),
        }
    }

    /// Ends the stage `name`, and begins the next.
    pub(crate) fn lap(&mut self, name: &'static str) {
        let (wall, cpu) = (Instant::now(), thread_cpu_time());
        self.stages.push(Stage {
            thread: self.thread,
            name,
            wall: wall - self.wall,
            cpu: cpu
                .zip(self.cpu)
                .map(|(now, then)| now.saturating_sub(then)),
        });
        (self.wall, self.cpu) = (wall, cpu);
    }

    pub(crate) fn into_stages(self) -> Vec<Stage> {
        self.stages
    }

    /// The laps so far, with the time since the start as the total.
    pub(crate) fn finish(self) -> Timings {
        Timings {
            total: self.started.elapsed(),
            stages: self.stages,
        }
    }
}

/// The CPU time the calling thread has used: the first field of
/// `/proc/thread-self/schedstat`, in nanoseconds. A read of a small file
/// rather than a `clock_gettime` binding keeps the library free of `unsafe`.
fn thread_cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

impl fmt::Display for Timings {
    /// A table: thread, stage, wall and CPU time in milliseconds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = |duration: Duration| format!("{:.0}", duration.as_secs_f64() * 1e3);
        writeln!(
            f,
            "{:<10} {:<30} {:>9} {:>9}",
            "thread", "stage", "wall ms", "cpu ms"
        )?;
        for stage in &self.stages {
            let cpu = stage.cpu.map_or_else(|| "-".to_owned(), millis);
            writeln!(
                f,
                "{:<10} {:<30} {:>9} {:>9}",
                stage.thread,
                stage.name,
                millis(stage.wall),
                cpu
            )?;
        }
        write!(f, "{:<41} {:>9}", "in all, wall", millis(self.total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_split_the_total_in_order() {
        let mut watch = Stopwatch::start("main");
        std::thread::sleep(Duration::from_millis(20));
        watch.lap("first");
        watch.lap("second");
        let timings = watch.finish();
        let names: Vec<_> = timings.stages.iter().map(|s| (s.thread, s.name)).collect();
        assert_eq!(names, [("main", "first"), ("main", "second")]);
        assert!(timings.stages[0].wall >= Duration::from_millis(20));
        let laps: Duration = timings.stages.iter().map(|s| s.wall).sum();
        assert!(laps <= timings.total, "{laps:?} > {:?}", timings.total);
        // Sleeping is not running: where the system tells CPU time, the
        // first lap's is well below its wall time.
        if let Some(cpu) = timings.stages[0].cpu {
            assert!(cpu < Duration::from_millis(15), "{cpu:?}");
        }
    }

    #[test]
    fn the_table_has_a_row_per_stage_and_the_total() {
        let timings = Timings {
            stages: vec![Stage {
                thread: "second",
                name: "lay out",
                wall: Duration::from_micros(12_400),
                cpu: None,
            }],
            total: Duration::from_millis(2_729),
        };
        let expected = [
            "thread     stage                            wall ms    cpu ms",
            "second     lay out                               12         -",
            "in all, wall                                   2729",
        ];
        assert_eq!(timings.to_string(), expected.join("\n"));
    }
}
