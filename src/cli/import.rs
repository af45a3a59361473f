use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;
use crate::import::{FileKind, Progress, kind_of, run as import_run};

#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// Files to import; the kind comes from each name (people.jsonl, hr-people.csv, skills.jsonl, ...).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The kind of every file, when their names do not say.
    #[arg(long, value_enum)]
    pub kind: Option<FileKind>,
    /// Write nothing at all if any line is bad.
    #[arg(long)]
    pub strict: bool,
    /// Print the report as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Exit status when some lines were rejected but the rest was written.
const PARTIAL: u8 = 2;

pub async fn run(config: Config, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let mut files = Vec::new();
    for path in &args.files {
        let kind = args.kind.or_else(|| kind_of(path)).ok_or_else(|| {
            anyhow::anyhow!(
                "cannot tell what {} holds: name it people.jsonl, people.csv, skills.jsonl, communities.jsonl \
                 evidence.jsonl or interviews.jsonl (a prefix such as hr-people.csv is fine), or give --kind",
                path.display()
            )
        })?;
        files.push((path.clone(), kind));
    }
    let store = crate::open_store(&config, 2).await?;
    let started = Instant::now();
    let progress = progress_for_terminal();
    let by = std::env::var("USER").unwrap_or_else(|_| "operator".into());
    let actor = format!("cli:{by}");
    let report = import_run::files(
        &store,
        &actor,
        &config.clock,
        &files,
        args.strict,
        &progress,
    )
    .await?;
    let seconds = started.elapsed().as_secs_f64();
    store.close().await;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        for e in &report.rejected {
            eprintln!("rejected {e}");
        }
        let people = report.accepted;
        println!(
            "{} records read, {} accepted, {} rejected; {} rows changed{} in {:.2}s ({:.0} records/s)",
            report.records,
            people,
            report.rejected.len(),
            report.changed.total(),
            if report.committed {
                ""
            } else {
                " (nothing written: --strict and some lines were bad)"
            },
            seconds,
            report.records as f64 / seconds.max(1e-9),
        );
    }
    Ok(if report.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(PARTIAL)
    })
}

/// A progress bar on a terminal; plain progress lines otherwise.
pub fn progress_for_terminal() -> TerminalProgress {
    TerminalProgress {
        bar: Mutex::new(None),
        tty: std::io::stderr().is_terminal(),
        phase: Mutex::new((String::new(), Instant::now(), 0)),
    }
}

pub struct TerminalProgress {
    bar: Mutex<Option<ProgressBar>>,
    tty: bool,
    /// Name, start and amount done of the current phase, for plain lines.
    phase: Mutex<(String, Instant, u64)>,
}

impl Progress for TerminalProgress {
    fn phase(&self, name: &str, total: Option<u64>) {
        self.finish();
        if self.tty {
            let bar = match total {
                Some(t) => ProgressBar::new(t).with_style(
                    ProgressStyle::with_template(
                        "{msg:>20} [{bar:40}] {percent:>3}% {elapsed} eta {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                ),
                None => ProgressBar::new_spinner(),
            };
            bar.set_message(name.to_string());
            if total.is_none() {
                bar.enable_steady_tick(std::time::Duration::from_millis(120));
            }
            if let Ok(mut b) = self.bar.lock() {
                *b = Some(bar);
            }
        } else {
            eprintln!("{name}...");
        }
        if let Ok(mut p) = self.phase.lock() {
            *p = (name.to_string(), Instant::now(), 0);
        }
    }

    fn advance(&self, n: u64) {
        if let Ok(b) = self.bar.lock()
            && let Some(bar) = b.as_ref()
        {
            bar.inc(n);
        }
        if !self.tty
            && let Ok(mut p) = self.phase.lock()
        {
            p.2 += n;
            if p.1.elapsed().as_secs() >= 5 {
                eprintln!("{}: {} done", p.0, p.2);
                p.1 = Instant::now();
            }
        }
    }

    fn finish(&self) {
        if let Ok(mut b) = self.bar.lock()
            && let Some(bar) = b.take()
        {
            bar.finish_and_clear();
        }
    }
}
