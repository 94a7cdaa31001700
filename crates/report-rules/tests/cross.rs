//! Cross-report rules on pairs and sets of reports built for the purpose.

use report_model::{Report, SectionKind};
use report_rules::{Config, Severity, check_previous, check_region, similarity};

use crate::{seed, set};

fn with_year(mut r: Report, y: i32) -> Report {
    if let Some(year) = r.metadata.year.as_mut() {
        year.value = y;
    }
    r
}

fn rules(findings: &[report_rules::Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.rule.as_str()).collect()
}

#[test]
fn carried_over_must_equal_last_years_carried_forward() {
    let (_, base) = seed("seed-003");
    let mut last = with_year(base.clone(), 2023);
    let mut this = with_year(base.clone(), 2024);
    // last year: 2 carried forward (自然人), balanced by 2 more received
    for (a, v) in [
        ("requests.received.natural_persons", "6"),
        ("requests.received.total", "6"),
        ("requests.carried_forward.natural_persons", "2"),
        ("requests.carried_forward.total", "2"),
    ] {
        set(&mut last, a, v);
    }
    // this year: carried over 2: holds
    for (a, v) in [
        ("requests.carried_over.natural_persons", "2"),
        ("requests.carried_over.total", "2"),
        ("requests.carried_forward.natural_persons", "2"),
        ("requests.carried_forward.total", "2"),
    ] {
        set(&mut this, a, v);
    }
    assert!(
        check_previous(&this, &last, &Config::default())
            .iter()
            .all(|f| f.rule != "previous.carryover")
    );
    // this year says 1 carried over: both columns flagged, as warnings, naming the cells
    set(&mut this, "requests.carried_over.natural_persons", "1");
    set(&mut this, "requests.carried_over.total", "1");
    let findings = check_previous(&this, &last, &Config::default());
    let carry: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "previous.carryover")
        .collect();
    assert_eq!(carry.len(), 2, "{findings:#?}");
    assert!(carry.iter().all(|f| f.severity == Severity::Warning));
    assert_eq!(
        carry[0].cells[0].to_string(),
        "requests.carried_over.natural_persons"
    );
    assert_eq!(
        carry[0].cells[1].to_string(),
        "requests.carried_forward.natural_persons"
    );
    assert_eq!(carry[0].equation.as_deref(), Some("二 1 ≠ 上年 四 2"));
    // the rule can be switched off
    let off = check_previous(
        &this,
        &last,
        &Config::default().disable("previous.carryover"),
    );
    assert!(off.iter().all(|f| f.rule != "previous.carryover"));
}

#[test]
fn in_force_documents_carry_from_year_to_year() {
    let (_, base) = seed("seed-003");
    let mut last = with_year(base.clone(), 2023);
    let mut this = with_year(base.clone(), 2024);
    set(&mut last, "proactive.normative_documents.in_force", "10");
    for (a, v) in [
        ("proactive.normative_documents.issued", "3"),
        ("proactive.normative_documents.repealed", "1"),
        ("proactive.normative_documents.in_force", "12"),
    ] {
        set(&mut this, a, v);
    }
    assert!(
        !rules(&check_previous(&this, &last, &Config::default())).contains(&"previous.in_force")
    );
    set(&mut this, "proactive.normative_documents.in_force", "15");
    let findings = check_previous(&this, &last, &Config::default());
    let f = findings
        .iter()
        .find(|f| f.rule == "previous.in_force")
        .expect("found");
    assert_eq!(f.expected.map(|d| d.to_string()), Some("12".into()));
    assert_eq!(f.actual.map(|d| d.to_string()), Some("15".into()));
}

#[test]
fn items_of_2019_carry_into_2020() {
    let (_, base) = seed("seed-000"); // 2019 table 二
    let mut y2019 = with_year(base.clone(), 2019);
    let mut y2020 = with_year(base.clone(), 2020);
    set(&mut y2019, "proactive.licensing.previous_items", "10");
    set(&mut y2019, "proactive.licensing.item_change", "-2");
    set(&mut y2020, "proactive.licensing.previous_items", "8");
    assert!(
        !rules(&check_previous(&y2020, &y2019, &Config::default())).contains(&"previous.items")
    );
    set(&mut y2020, "proactive.licensing.previous_items", "10");
    assert!(rules(&check_previous(&y2020, &y2019, &Config::default())).contains(&"previous.items"));
    // not a 2019→2020 pair: not applicable
    let y2021 = with_year(y2020.clone(), 2021);
    assert!(
        !rules(&check_previous(&y2021, &y2020, &Config::default())).contains(&"previous.items")
    );
}

#[test]
fn copied_sections_are_boilerplate_and_years_must_follow() {
    let (_, base) = seed("seed-002");
    let last = with_year(base.clone(), 2022);
    let this = with_year(base.clone(), 2023);
    let findings = check_previous(&this, &last, &Config::default());
    let copied: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "previous.boilerplate")
        .collect();
    // 一 and 五 copied word for word; 六 is a one-line statement, too short to judge
    assert_eq!(copied.len(), 2, "{findings:#?}");
    assert!(copied[0].message.contains("100%"));
    // a rewritten section is not boilerplate
    let mut rewritten = this.clone();
    let s = rewritten
        .sections
        .iter_mut()
        .find(|s| s.kind == SectionKind::Problems)
        .expect("五");
    s.body.text = "本年度主要问题是网站栏目更新不及时，个别文件解读材料发布滞后；下一步将建立周检查制度并安排专人负责政策解读，在文件印发后三个工作日内同步发布解读。".repeat(2);
    let findings = check_previous(&rewritten, &last, &Config::default());
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.rule == "previous.boilerplate")
            .count(),
        1
    );
    // comparing with a report two years back is flagged
    let older = with_year(base, 2021);
    assert!(rules(&check_previous(&this, &older, &Config::default())).contains(&"previous.year"));
    assert!(similarity("政府信息公开", "政府信息公开") > 0.99);
}

#[test]
fn a_region_is_the_sum_of_its_bodies() {
    let (_, base) = seed("seed-003");
    let mut a = base.clone();
    let mut b = base.clone();
    let mut parent = base.clone();
    set(&mut a, "proactive.licensing.decisions", "100");
    set(&mut b, "proactive.licensing.decisions", "23");
    set(&mut parent, "proactive.licensing.decisions", "123");
    // requests: a has 4, b has 4 → parent must say 8
    for (addr, v) in [
        ("requests.received.natural_persons", "8"),
        ("requests.received.total", "8"),
    ] {
        set(&mut parent, addr, v);
    }
    let findings = check_region(&parent, &[a.clone(), b.clone()], &Config::default());
    let cells: Vec<String> = findings.iter().map(|f| f.cells[0].to_string()).collect();
    // every other non-zero cell of the parent is now wrong (4 ≠ 8 etc.), licensing and received are right
    assert!(
        !cells.contains(&"proactive.licensing.decisions".to_owned()),
        "{cells:?}"
    );
    assert!(
        !cells.contains(&"requests.received.total".to_owned()),
        "{cells:?}"
    );
    assert!(
        cells.contains(&"proactive.penalties.decisions".to_owned()),
        "{cells:?}"
    ); // 48 ≠ 96
    assert!(
        cells.contains(&"requests.granted.total".to_owned()),
        "{cells:?}"
    ); // 3 ≠ 6
    assert!(
        findings
            .iter()
            .all(|f| f.rule == "region.sum" && f.severity == Severity::Warning)
    );
    let f = findings
        .iter()
        .find(|f| f.cells[0].to_string() == "requests.granted.total")
        .expect("granted");
    assert_eq!(f.equation.as_deref(), Some("Σ 下属单位 6 ≠ 汇总 3"));
    // severity can be raised by the caller
    let strict = check_region(
        &parent,
        &[a, b],
        &Config::default().severity("region.sum", Severity::Error),
    );
    assert!(strict.iter().all(|f| f.severity == Severity::Error));
}
