//! The safety net at a programme's size (2,000 learners, 200,000 answers): what the checks
//! at start cost, what a backup costs against copying the file with fs::copy and syncing it,
//! and what the database's id written by every commit costs a durable answer.

use std::path::Path;
use std::time::Duration;

use hatua::store::Store;
use hatua::store::backup::Why;
use hatua::store::health::{self, Depth};

use super::{ms, time};

fn micros(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

fn ratio(a: Duration, b: Duration) -> String {
    format!("{:.1}x", a.as_secs_f64() / b.as_secs_f64())
}

pub fn run(tmp: &Path) {
    let data = tmp.join("backup-site");
    let store = super::records::site(&data, &super::records::harvest_of(2_000));
    let db = data.join("hatua.db");
    let bytes = std::fs::metadata(&db).unwrap().len();
    println!(
        "\nbackups and checks: 200,000 answers, a {:.1} MB file",
        bytes as f64 / 1e6
    );

    // The baseline: the same bytes copied by the file system and synced.
    let copy = tmp.join("backup-baseline.db");
    let baseline = time(5, || {
        std::fs::copy(&db, &copy).unwrap();
        std::fs::File::open(&copy).unwrap().sync_all().unwrap();
    });
    println!("fs::copy + fsync (baseline)          {:>10}", ms(baseline));

    let quick = time(5, || health::check(&db, Depth::Quick(None)));
    println!(
        "quick_check, whole file              {:>10}   ({} of the baseline; the first start of a day)",
        ms(quick),
        ratio(quick, baseline)
    );
    let budgeted = time(5, || {
        health::check(&db, Depth::Quick(Some(hatua::desk::QUICK_BUDGET)))
    });
    println!(
        "quick_check, within its budget       {:>10}   (every other start)",
        ms(budgeted)
    );
    let full = time(3, || health::check(&db, Depth::Full));
    println!(
        "integrity_check (hatua doctor)       {:>10}   ({} of the baseline)",
        ms(full),
        ratio(full, baseline)
    );

    let dir = tmp.join("backup-copies");
    let backup = time(5, || {
        let made = store.backup_into(&dir, Why::OnDemand).unwrap();
        std::fs::remove_file(&made.path).unwrap();
    });
    println!(
        "backup: copy, sync, integrity_check  {:>10}   ({} of the baseline)",
        ms(backup),
        ratio(backup, baseline)
    );

    let open = time(5, || Store::open(&db).unwrap());
    // A start that is not the day's first: a backup of today is there.
    store.backup_beside(Why::Daily).unwrap().unwrap();
    let start = time(5, || {
        hatua::desk::open(&data, hatua::desk::Daily::Later)
            .unwrap()
            .store
    });
    println!(
        "start: look, check, open (desk::open) {:>9}   (Store::open alone {})",
        ms(start),
        ms(open)
    );
    drop(store);

    // A desk: 50 learners, 5,000 answers.
    let desk = tmp.join("backup-desk");
    drop(super::records::site(&desk, &super::records::harvest_of(50)));
    let desk_db = desk.join("hatua.db");
    let desk_bytes = std::fs::metadata(&desk_db).unwrap().len();
    let whole = time(11, || health::check(&desk_db, Depth::Quick(None)));
    let desk_open = time(11, || Store::open(&desk_db).unwrap());
    let desk_backup = time(5, || {
        let made = Store::open(&desk_db)
            .unwrap()
            .backup_into(&dir, Why::OnDemand)
            .unwrap();
        std::fs::remove_file(&made.path).unwrap();
    });
    println!(
        "a desk of 5,000 answers ({:.1} MB): whole quick_check {}, Store::open {}, backup {}",
        desk_bytes as f64 / 1e6,
        ms(whole),
        ms(desk_open),
        ms(desk_backup)
    );

    // A commit with and without the id's page in it: durable (one fsync each), and
    // without the fsync, where the extra page's own cost shows.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut n = 0;
    let mut commit = |touch: bool| {
        n += 1;
        let tx = conn.unchecked_transaction().unwrap();
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, 'x')",
            [format!("bench-{n}")],
        )
        .unwrap();
        if touch {
            tx.execute("UPDATE identity SET commits = commits + 1", [])
                .unwrap();
        }
        tx.commit().unwrap();
    };
    for sync in ["FULL", "OFF"] {
        conn.pragma_update(None, "synchronous", sync).unwrap();
        let plain = time(300, || commit(false));
        let touched = time(300, || commit(true));
        println!(
            "a commit with the database's id      {:>10}   (without {}, {}; synchronous={sync})",
            micros(touched),
            micros(plain),
            ratio(touched, plain)
        );
    }
}
