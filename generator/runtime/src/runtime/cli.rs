//! The part of the command line (the crate's `cli` feature) that does not
//! depend on the spec: the settings every subcommand takes, how a value, a
//! body or a file is read from an argument, how a success is printed (with
//! personal data redacted), and how a failure is told: one or two lines on
//! stderr, and the exit code.
//!
//! The generated `cli` module declares the subcommands, one per operation,
//! and calls the client; everything else is here.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt;
use std::future::{Future, poll_fn};
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::pin::Pin;
use std::process::ExitCode;
use std::str::FromStr;
use std::time::Duration;

use clap::builder::{PossibleValue, TypedValueParser};
use futures_core::Stream;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{Error, ErrorKind};

/// The exit code of a command run wrongly, or in an environment it cannot
/// use: clap's own for a wrong command.
pub const USAGE: u8 = 2;

/// The exit code of a call that failed.
pub const FAILED: u8 = 1;

/// What stands in for a redacted value.
pub const REDACTED: &str = "<redacted>";

/// The options every subcommand takes, before or after its name.
#[derive(Clone, Debug, clap::Args)]
pub struct Settings {
    /// Send the request to this base URL instead of the environment's or the spec's.
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
    /// Limit each attempt to this long (such as 30s, 500ms or 2m).
    #[arg(long, global = true, value_name = "DURATION", value_parser = duration)]
    pub timeout: Option<Duration>,
    /// Limit the call to this long in all, retries and the waits between them included.
    #[arg(long, global = true, value_name = "DURATION", value_parser = duration)]
    pub deadline: Option<Duration>,
    /// Retry at most this many times (0 sends the request once).
    #[arg(long, global = true, value_name = "N")]
    pub max_retries: Option<u32>,
    /// Send this header with the request; give it once per header.
    #[arg(long = "header", global = true, value_name = "NAME:VALUE", value_parser = header)]
    pub headers: Vec<(String, String)>,
    /// Print compact JSON, as to a pipe, on a terminal too.
    #[arg(long, global = true)]
    pub json: bool,
    /// Print the values the spec marks as personal data instead of `<redacted>`.
    #[arg(long, global = true)]
    pub show_personal_data: bool,
}

/// Why a command stopped.
pub enum Failure {
    /// It was run wrongly, or its environment cannot be used: nothing was
    /// sent.
    Usage {
        /// What is wrong.
        message: String,
        /// What to do about it.
        advice: Option<String>,
    },
    /// The call failed (boxed: an `Error` is large, and a `Failure` is
    /// returned often).
    Call(Box<Error>),
    /// The output could not be written.
    Output(io::Error),
}

impl Failure {
    /// A usage failure that says `message` and what to do.
    pub fn usage(message: impl Into<String>, advice: impl Into<Option<String>>) -> Self {
        Failure::Usage {
            message: message.into(),
            advice: advice.into(),
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Call(Box::new(error))
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Output(error)
    }
}

/// Where the command's client looks for what it needs, for the advice a
/// failure gives.
#[derive(Clone, Copy, Debug)]
pub struct Environment {
    /// The variable that holds the credential, when the API takes one.
    pub credential: Option<&'static str>,
    /// The variable that holds the base URL.
    pub base_url: &'static str,
}

/// The command line the process was started with, as `C` reads it; or,
/// when it asks for help or the version, or is wrong, the exit code after
/// clap has printed the text. A wrong command is told in two lines: what is
/// wrong, and the usage of the (sub)command, rather than clap's paragraph.
pub fn parse<C: clap::Parser>() -> Result<C, ExitCode> {
    C::try_parse().map_err(|error| {
        use clap::error::ErrorKind::{DisplayHelp, DisplayVersion};
        if matches!(error.kind(), DisplayHelp | DisplayVersion) || !error.use_stderr() {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        let text = error.render().to_string();
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect();
        // What is wrong, with the arguments clap lists below it; not its tips.
        let what: Vec<&str> = lines
            .iter()
            .take_while(|line| !line.starts_with("Usage: "))
            .filter(|line| !line.starts_with("tip: ") && !line.starts_with("For more information"))
            .copied()
            .collect();
        eprintln!("{}", what.join(" "));
        match lines.iter().find_map(|line| line.strip_prefix("Usage: ")) {
            Some(usage) => eprintln!("usage: {usage} (--help says more)"),
            None => eprintln!("--help lists the subcommands and their options"),
        }
        ExitCode::from(USAGE)
    })
}

/// Runs `command` to its end on a runtime of one thread.
pub fn block_on(command: impl Future<Output = Result<(), Failure>>) -> Result<(), Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure::usage(format!("cannot start the async runtime: {error}"), None))?
        .block_on(command)
}

/// Tells how a command went: nothing more on success, one or two lines on
/// stderr otherwise; and gives the exit code. `base_url` is the client's,
/// once it is built.
pub fn finish(
    outcome: Result<(), Failure>,
    environment: Environment,
    base_url: Option<&str>,
) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(&failure, environment, base_url),
    }
}

/// Writes `failure` to stderr, and gives the exit code it ends with.
fn report(failure: &Failure, environment: Environment, base_url: Option<&str>) -> ExitCode {
    let (message, advice, code) = match failure {
        Failure::Usage { message, advice } => (message.clone(), advice.clone(), USAGE),
        // A reader gone (`| head`) is not the command's failure.
        Failure::Output(error) if error.kind() == io::ErrorKind::BrokenPipe => {
            return ExitCode::SUCCESS;
        }
        Failure::Output(error) => (format!("cannot write the output: {error}"), None, FAILED),
        Failure::Call(error) => {
            let code = match error.kind() {
                // The arguments, not the API: a header HTTP cannot carry.
                ErrorKind::InvalidRequest(_) => USAGE,
                _ => FAILED,
            };
            (
                error.to_string(),
                advice(error, environment, base_url),
                code,
            )
        }
    };
    eprintln!("error: {message}");
    if let Some(advice) = advice {
        eprintln!("{advice}");
    }
    ExitCode::from(code)
}

/// The second line for a failed call: what to do about it, when there is
/// something to do.
fn advice(error: &Error, environment: Environment, base_url: Option<&str>) -> Option<String> {
    let at = base_url
        .map(|url| format!(" (base URL {url})"))
        .unwrap_or_default();
    if let ErrorKind::InvalidRequest(_) = error.kind() {
        return Some("check the --header options".to_owned());
    }
    if let ErrorKind::DeadlineExceeded { .. } = error.kind() {
        return Some(
            "try again later, or allow it longer with --deadline (and each attempt with --timeout)"
                .to_owned(),
        );
    }
    if let ErrorKind::Connection(_) = error.kind()
        && error.status().is_none()
    {
        return Some(format!(
            "check {} (or --base-url) and the network: the API cannot be reached{at}",
            environment.base_url
        ));
    }
    if error.is_unauthorized() {
        return Some(match environment.credential {
            Some(name) => format!("check {name}: the API does not accept the credential{at}"),
            None => format!("the API asks for a credential this client cannot send{at}"),
        });
    }
    if error.is_forbidden() {
        return Some("the credential is not allowed to do this".to_owned());
    }
    if error.is_not_found() {
        return Some(format!("nothing is there: check the arguments{at}"));
    }
    if error.is_rate_limited() {
        return Some(match error.retry_after() {
            Some(wait) => format!(
                "the API is limiting requests: wait {} before trying again",
                seconds(wait)
            ),
            None => "the API is limiting requests: wait a while before trying again".to_owned(),
        });
    }
    if error.is_decode() {
        return Some(
            "the response does not match the spec: the client may be behind the API".to_owned(),
        );
    }
    None
}

/// `wait` in whole seconds, rounded up: `1s`, `30s`.
fn seconds(wait: Duration) -> String {
    let whole = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    format!("{whole}s")
}

/// Reads the environment variable `name`: `None` when it is unset or empty.
pub fn env_var(name: &'static str) -> Result<Option<String>, Failure> {
    super::config::env_var(name).map_err(|_| {
        Failure::usage(
            format!("{name} is not valid UTF-8"),
            format!("set {name} again, or unset it"),
        )
    })
}

/// A duration as the options take it: a number with `ms`, `s`, `m` or `h`
/// after it; a number alone is seconds.
pub fn duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| "expected a duration such as 30s, 500ms or 2m".to_owned())?;
    let seconds = match unit.trim() {
        "ms" => number / 1000.0,
        "" | "s" => number,
        "m" => number * 60.0,
        "h" => number * 3600.0,
        other => return Err(format!("unknown unit `{other}`: use ms, s, m or h")),
    };
    Duration::try_from_secs_f64(seconds).map_err(|_| "the duration is out of range".to_owned())
}

/// A header as `--header` takes it: `NAME:VALUE`.
pub fn header(text: &str) -> Result<(String, String), String> {
    match text.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_owned(), value.trim().to_owned()))
        }
        _ => Err("expected NAME:VALUE, such as X-Correlation-Id:nightly".to_owned()),
    }
}

/// A value of type `T` from an argument: the text itself when `T` reads a
/// string (an id, a date, an enum), else the text as JSON (a number, a
/// boolean, an object).
pub fn value<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(Value::String(text.to_owned()))
        .or_else(|as_text| serde_json::from_str(text).map_err(|_| as_text.to_string()))
}

/// The value parser of an open enum: its values are listed in `--help`,
/// and any other is accepted as well, as the enum's `Unknown` variant keeps
/// it.
#[derive(Clone)]
pub struct OpenValues<T> {
    values: &'static [&'static str],
    parse: fn(&str) -> Option<T>,
}

impl<T: FromStr> OpenValues<T> {
    /// The parser of an enum that lists `values`.
    pub fn new(values: &'static [&'static str]) -> Self {
        OpenValues {
            values,
            parse: |text| text.parse().ok(),
        }
    }
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for OpenValues<T> {
    type Value = T;

    fn parse_ref(
        &self,
        command: &clap::Command,
        argument: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let text = clap::builder::StringValueParser::new().parse_ref(command, argument, value)?;
        // An open enum reads every string; a type that does not is told as
        // clap tells any value it refuses.
        (self.parse)(&text).ok_or_else(|| {
            let name = argument.map_or_else(|| "the argument".to_owned(), |a| a.to_string());
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("invalid value '{text}' for '{name}'\n"),
            )
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().map(PossibleValue::new)))
    }
}

/// The text of a JSON body from `--body`: the file it names, standard input
/// for `-`, or the argument itself when it starts like JSON.
pub fn body<T: DeserializeOwned>(argument: &str) -> Result<T, Failure> {
    let trimmed = argument.trim_start();
    let (text, from) = if argument == "-" {
        let mut text = String::new();
        io::stdin().read_to_string(&mut text).map_err(|error| {
            Failure::usage(
                format!("cannot read the body from standard input: {error}"),
                None,
            )
        })?;
        (text, "standard input".to_owned())
    } else if trimmed.starts_with(['{', '[', '"']) {
        (argument.to_owned(), "--body".to_owned())
    } else {
        let text = std::fs::read_to_string(argument).map_err(|error| {
            Failure::usage(
                format!("cannot read the body from `{argument}`: {error}"),
                "give --body a JSON file, - for standard input, or the JSON itself".to_owned(),
            )
        })?;
        (text, format!("`{argument}`"))
    };
    serde_json::from_str(&text).map_err(|error| {
        // serde's message names the member and what it expected, never the value.
        Failure::usage(
            format!("the body in {from} is not what the operation takes: {error}"),
            "see the request body's schema in the spec".to_owned(),
        )
    })
}

/// The files of `--file NAME=PATH`, by part name.
pub fn files(arguments: &[String]) -> Result<BTreeMap<String, Vec<String>>, Failure> {
    let mut files: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for argument in arguments {
        let Some((name, path)) = argument.split_once('=') else {
            return Err(Failure::usage(
                format!("`--file {argument}` names no part"),
                "write --file NAME=PATH, NAME being the form's part".to_owned(),
            ));
        };
        files
            .entry(name.to_owned())
            .or_default()
            .push(path.to_owned());
    }
    Ok(files)
}

/// The contents of the file at `path`, for the part `part`, made into a
/// part by `make` with the file's name.
fn read_file<P>(part: &str, path: &str, make: impl Fn(Vec<u8>, String) -> P) -> Result<P, Failure> {
    let bytes = std::fs::read(path).map_err(|error| {
        Failure::usage(
            format!("cannot read `{path}` for the part `{part}`: {error}"),
            None,
        )
    })?;
    let name = Path::new(path)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| part.to_owned());
    Ok(make(bytes, name))
}

/// The file of the part `part`, if `--file` gave one, made by `make`.
pub fn one_file<P>(
    files: &mut BTreeMap<String, Vec<String>>,
    part: &str,
    make: impl Fn(Vec<u8>, String) -> P,
) -> Result<Option<P>, Failure> {
    let mut paths = files.remove(part).unwrap_or_default();
    if paths.len() > 1 {
        return Err(Failure::usage(
            format!(
                "the part `{part}` takes one file, and --file gave it {}",
                paths.len()
            ),
            None,
        ));
    }
    paths
        .pop()
        .map(|path| read_file(part, &path, make))
        .transpose()
}

/// The file of the part `part`, which the operation needs, made by `make`.
pub fn required_file<P>(
    files: &mut BTreeMap<String, Vec<String>>,
    part: &str,
    make: impl Fn(Vec<u8>, String) -> P,
) -> Result<P, Failure> {
    one_file(files, part, make)?.ok_or_else(|| {
        Failure::usage(
            format!("the part `{part}` needs a file"),
            format!("give it with --file {part}=PATH"),
        )
    })
}

/// Every file `--file` gave the part `part`, made by `make`.
pub fn all_files<P>(
    files: &mut BTreeMap<String, Vec<String>>,
    part: &str,
    make: impl Fn(Vec<u8>, String) -> P,
) -> Result<Vec<P>, Failure> {
    let paths = files.remove(part).unwrap_or_default();
    paths
        .iter()
        .map(|path| read_file(part, path, &make))
        .collect()
}

/// The bytes of a body from `--body`: the file it names, or standard input
/// for `-`.
pub fn bytes(argument: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let read = if argument == "-" {
        io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(argument).map(|read| bytes = read)
    };
    read.map_err(|error| {
        Failure::usage(
            format!("cannot read the body from `{argument}`: {error}"),
            "give --body a file, or - for standard input".to_owned(),
        )
    })?;
    Ok(bytes)
}

/// The text of a body from `--body`: the file it names, or standard input
/// for `-`.
pub fn text(argument: &str) -> Result<String, Failure> {
    String::from_utf8(bytes(argument)?)
        .map_err(|_| Failure::usage(format!("the body in `{argument}` is not UTF-8 text"), None))
}

/// Fails when `--file` named parts the operation does not have.
pub fn no_other_files(
    files: &BTreeMap<String, Vec<String>>,
    parts: &[&str],
) -> Result<(), Failure> {
    match files.keys().next() {
        None => Ok(()),
        Some(name) => Err(Failure::usage(
            format!("the operation has no file part `{name}`"),
            format!("its parts are: {}", parts.join(", ")),
        )),
    }
}

/// How a success is printed.
#[derive(Clone, Copy, Debug)]
pub struct Printer {
    /// Compact JSON rather than pretty.
    compact: bool,
    /// Whether personal data is replaced.
    redact: bool,
}

impl Printer {
    /// The printer `settings` ask for: pretty JSON on a terminal, compact
    /// otherwise or with `--json`.
    pub fn new(settings: &Settings) -> Self {
        Printer {
            compact: settings.json || !io::stdout().is_terminal(),
            redact: !settings.show_personal_data,
        }
    }

    /// Prints `value` as JSON, with the values at `personal` redacted:
    /// JSON pointers where `*` stands for any member or index.
    pub fn json(&self, value: &impl Serialize, personal: &[&str]) -> Result<(), Failure> {
        let value = self.prepared(value, personal)?;
        let mut out = io::stdout().lock();
        if self.compact {
            serde_json::to_writer(&mut out, &value).map_err(io::Error::from)?;
        } else {
            serde_json::to_writer_pretty(&mut out, &value).map_err(io::Error::from)?;
        }
        writeln!(out)?;
        Ok(())
    }

    /// Prints every item of `items` as compact JSON on a line of its own, as
    /// they come, redacted as [`json`](Self::json) says; a failed page ends
    /// the stream after the items before it.
    pub async fn items<T: Serialize>(
        &self,
        items: impl Stream<Item = Result<T, Error>>,
        personal: &[&str],
    ) -> Result<(), Failure> {
        let mut items = std::pin::pin!(items);
        while let Some(item) = poll_fn(|context| items.as_mut().poll_next(context)).await {
            let value = self.prepared(&item?, personal)?;
            let mut out = io::stdout().lock();
            serde_json::to_writer(&mut out, &value).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Ok(())
    }

    /// Writes the bytes of `body` to stdout as they come.
    pub async fn bytes(&self, body: progenitor_client::ByteStream) -> Result<(), Failure> {
        let mut body: Pin<Box<_>> = body.into_inner();
        let mut out = io::stdout().lock();
        while let Some(chunk) = poll_fn(|context| body.as_mut().poll_next(context)).await {
            let chunk = chunk.map_err(|error| {
                Failure::Output(io::Error::other(format!("the body broke off: {error}")))
            })?;
            out.write_all(&chunk)?;
        }
        out.flush()?;
        Ok(())
    }

    /// Writes `bytes` to stdout as they are.
    pub fn raw(&self, bytes: &[u8]) -> Result<(), Failure> {
        let mut out = io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()?;
        Ok(())
    }

    /// `value` as JSON, redacted unless personal data is shown.
    fn prepared(&self, value: &impl Serialize, personal: &[&str]) -> Result<Value, Failure> {
        let mut value = serde_json::to_value(value).map_err(io::Error::from)?;
        if self.redact {
            for pointer in personal {
                let segments: Vec<&str> = pointer.split('/').skip(1).collect();
                redact(&mut value, &segments);
            }
        }
        Ok(value)
    }
}

/// Replaces every non-null value at `segments` in `value` with
/// [`REDACTED`]; `*` matches any member or index.
pub(crate) fn redact(value: &mut Value, segments: &[&str]) {
    let Some((first, rest)) = segments.split_first() else {
        if !value.is_null() {
            *value = Value::String(REDACTED.to_owned());
        }
        return;
    };
    let first = first.replace("~1", "/").replace("~0", "~");
    match value {
        Value::Object(members) if first == "*" => {
            members.values_mut().for_each(|member| redact(member, rest))
        }
        Value::Object(members) => {
            if let Some(member) = members.get_mut(&first) {
                redact(member, rest);
            }
        }
        Value::Array(items) if first == "*" => items.iter_mut().for_each(|item| redact(item, rest)),
        _ => {}
    }
}

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage { message, .. } => write!(f, "Usage({message:?})"),
            Failure::Call(error) => write!(f, "Call({error})"),
            Failure::Output(error) => write!(f, "Output({error})"),
        }
    }
}
