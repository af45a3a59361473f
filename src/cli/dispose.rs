//! `tacit dispose --due`: dispose of every interview record part whose
//! retention period has ended (records on hold are kept), leaving a
//! certificate for each, and scrubs the database files. Meant for a scheduled
//! job: it exits with 1 when a record could not be disposed of or destroyed
//! text may stay on disk (both are printed).

use std::process::ExitCode;

use crate::config::Config;
use crate::harvest;

#[derive(Debug, Clone, clap::Args)]
pub struct DisposeArgs {
    /// Dispose of everything due today (required: there is no other mode).
    #[arg(long, required = true)]
    pub due: bool,
    /// Only list what is due; destroy nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Who authorises this run, for the certificates and the audit log
    /// (default: the operating-system user).
    #[arg(long)]
    pub authorised_by: Option<String>,
    /// Print the result as one JSON object.
    #[arg(long)]
    pub json: bool,
}

pub async fn run(config: Config, args: DisposeArgs) -> anyhow::Result<ExitCode> {
    let store = crate::open_store(&config, 2).await?;
    let today = config.clock.today();
    let by = args
        .authorised_by
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "operator".into());
    let actor = format!("cli:{by}");
    if args.dry_run {
        let due = harvest::due_records(store.as_ref(), &config.retention, today).await?;
        for r in &due {
            let parts: Vec<&str> = r.due.iter().map(|d| d.part.as_str()).collect();
            println!(
                "{}\t{}\t{}{}",
                r.interview.id,
                r.interview.person_name,
                parts.join("+"),
                if r.interview.hold { "\ton hold" } else { "" }
            );
        }
        eprintln!("{} record(s) due; nothing destroyed (dry run)", due.len());
        store.close().await;
        return Ok(ExitCode::SUCCESS);
    }
    let run = harvest::interviews::dispose_due(
        store.as_ref(),
        &config.clock,
        &config.retention,
        &actor,
        None,
        &|done, total| {
            if total > 0 && !args.json {
                eprintln!("disposal: {done}/{total} records");
            }
        },
    )
    .await?;
    // A running server's follower rewrites its search index and kept graph;
    // the database files are scrubbed here.
    let left_on_disk = match store.scrub_files().await {
        Ok(scrub) => scrub.remaining,
        Err(e) => vec![format!("cannot scrub the database files: {e}")],
    };
    store.close().await;
    for left in &left_on_disk {
        tracing::warn!(left = %left, "disposed text may stay on disk");
    }
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "certificates": run.certificates,
                "held": run.held,
                "failed": run.failed.iter().map(|(id, why)| serde_json::json!({"interview": id, "reason": why})).collect::<Vec<_>>(),
                "leftOnDisk": left_on_disk,
            })
        );
    } else {
        for c in &run.certificates {
            println!(
                "{}\t{}\t{}\tdue {}\t{}",
                c.id,
                c.interview_id,
                c.part.as_str(),
                c.due_on,
                c.destroyed.join(", ")
            );
        }
        for id in &run.held {
            eprintln!("{id}: due but on hold, kept");
        }
        for (id, why) in &run.failed {
            eprintln!("{id}: not disposed of: {why}");
        }
        for left in &left_on_disk {
            eprintln!("left on disk: {left}");
        }
        eprintln!(
            "{} certificate(s) issued, {} held, {} failed",
            run.certificates.len(),
            run.held.len(),
            run.failed.len()
        );
    }
    Ok(if run.failed.is_empty() && left_on_disk.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
