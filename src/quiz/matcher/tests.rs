use super::*;

fn forgiving() -> Matching {
    Matching::default()
}

fn right(key: &str, typed: &str) -> bool {
    closeness(forgiving(), key, typed).is_some()
}

#[test]
fn the_learners_answers_from_the_review_are_right() {
    assert!(right("State party", "a State party"));
    assert!(right("target 5.4", "target 5.4"));
    assert!(right("target 5.4", "target 5.4."));
    assert!(right("5.4", "5.4."));
    assert!(right("CSW", "the CSW"));
    assert!(right("CSW", "the CSW."));
    assert!(right("CSW", "  The  csw!  "));
    assert!(right("intersectionality", "intersectionalty"));
}

#[test]
fn another_word_is_still_wrong() {
    // A different word, not a slip: content adds it as a variant if it should count.
    assert!(!right("intersectionality", "intersectional"));
    assert!(!right("target 5.4", "target 5.6"));
    assert!(!right("5.4", "5.6"));
    assert!(!right("CSW", "CEW"));
    assert!(!right("1979", "1997"));
    assert!(!right("sex", "six"));
    assert!(!right("equity", "equality"));
    assert!(!right("equality", "equity"));
    // A changed first letter is a prefix that turns the word round.
    assert!(!right("inequality", "equality"));
    assert!(!right("equality", "inequality"));
    // Codes in capitals forgive nothing, even long ones.
    assert!(!right("UNIFEM", "UNICEF"));
    assert!(!right("CEDAW", "CEDAR"));
}

#[test]
fn slips_are_counted_per_word_by_its_length() {
    let c = |k, t| closeness(forgiving(), k, t);
    // Five to eight letters: one slip.
    assert_eq!(c("Beijing", "Bejing"), Some(Closeness::Slips(1)));
    assert_eq!(
        c("Beijing", "Biejing"),
        Some(Closeness::Slips(1)),
        "a swap is one slip"
    );
    assert_eq!(c("Beijing", "Bejjng"), None);
    // Nine or more: two.
    assert_eq!(c("Commission", "Comision"), Some(Closeness::Slips(2)));
    assert_eq!(c("Commission", "Comisio"), None);
    // Under five: none.
    assert_eq!(c("norm", "form"), None);
    assert_eq!(c("norm", "nrom"), None);
    // Every word within its own allowance; slips add up.
    assert_eq!(
        c(
            "Commission on the Status of Women",
            "Comission on the Satus of Women."
        ),
        Some(Closeness::Slips(2))
    );
    // A missing or extra word is another answer.
    assert_eq!(c("State party", "State"), None);
    assert_eq!(c("State party", "the State party of"), None);
}

#[test]
fn closeness_is_ranked_same_then_loose_then_slips() {
    let c = |k, t| closeness(forgiving(), k, t);
    assert_eq!(c("Beijing", "BÉIJING"), Some(Closeness::Same));
    assert_eq!(c("Beijing", "Beijing."), Some(Closeness::Loose));
    assert_eq!(
        c("the Beijing Platform", "Beijing Platform"),
        Some(Closeness::Loose)
    );
    assert!(Closeness::Same < Closeness::Loose);
    assert!(Closeness::Loose < Closeness::Slips(1));
    assert!(Closeness::Slips(1) < Closeness::Slips(2));
}

#[test]
fn punctuation_goes_only_at_the_ends_and_signs_stay() {
    let l = |t: &str| loose(&normalize(t), Articles::English);
    assert_eq!(l("5.4."), "5.4");
    assert_eq!(l("« CSW »"), "csw");
    assert_eq!(l("\"the CSW\"?"), "csw");
    assert_eq!(l("Beijing, China."), "beijing, china");
    assert_eq!(l("50%"), "50%");
    assert_eq!(l("-3"), "-3");
    assert_eq!(l("LGBTQ+"), "lgbtq+");
    // An answer that is only an article, or only punctuation, keeps what it has.
    assert_eq!(l("A"), "a");
    assert_eq!(l("the"), "the");
    assert_eq!(l("..."), "");
}

#[test]
fn articles_follow_the_course_language() {
    let l = |t: &str, a| loose(&normalize(t), a);
    assert_eq!(Articles::for_language("fr-CA"), Articles::French);
    assert_eq!(Articles::for_language("es"), Articles::Spanish);
    assert_eq!(Articles::for_language("sw"), Articles::English);
    assert_eq!(Articles::for_language(""), Articles::English);
    assert_eq!(l("la Convention", Articles::French), "convention");
    assert_eq!(l("l'égalité", Articles::French), "egalite");
    assert_eq!(l("l’égalité", Articles::French), "egalite");
    assert_eq!(l("los Estados partes", Articles::Spanish), "estados partes");
    assert_eq!(
        l("the CSW", Articles::Spanish),
        "csw",
        "English articles always go"
    );
    // Only in their own language: "UN Women" is not "un" + "Women" in English.
    assert_eq!(l("UN Women", Articles::English), "un women");
    assert_eq!(l("la Convention", Articles::English), "la convention");
}

#[test]
fn exact_questions_forgive_only_case_spaces_and_accents() {
    let c = |k, t| closeness(Matching::Exact, k, t);
    assert_eq!(c("Beijing", "  béijing "), Some(Closeness::Same));
    assert_eq!(c("Beijing", "Beijing."), None);
    assert_eq!(c("CSW", "the CSW"), None);
    assert_eq!(c("Beijing", "Bejing"), None);
}

fn answer(text: &str, weight: f64) -> TextAnswer {
    TextAnswer {
        text: text.into(),
        weight,
        feedback: None,
    }
}

#[test]
fn the_closest_answer_wins_and_a_slip_never_gains() {
    let answers = [
        answer("intersectionality", 100.0),
        answer("intersectional", 0.0),
        answer("Peking", 50.0),
        answer("Beijing", 100.0),
    ];
    let m = |t| best_match(&answers, forgiving(), t).map(|a| a.text.as_str());
    assert_eq!(m("Intersectional."), Some("intersectional"));
    assert_eq!(m("intersectionalty"), Some("intersectionality"));
    assert_eq!(m("Pekin"), Some("Peking"));
    assert_eq!(m("Nairobi"), None);
    // One slip from a right answer and one from a wrong one: the wrong one.
    let near = [answer("gender", 100.0), answer("genders", 0.0)];
    let m = |t| best_match(&near, forgiving(), t).map(|a| a.weight);
    assert_eq!(m("gendes"), Some(0.0));
    assert_eq!(m("gender"), Some(100.0));
    // The same answer twice: the better marks, as before.
    let twice = [answer("CSW", 50.0), answer("the CSW", 100.0)];
    assert_eq!(
        best_match(&twice, forgiving(), "CSW.").map(|a| a.weight),
        Some(100.0)
    );
}

#[test]
fn clashes_name_duplicates_contradictions_and_near_answers() {
    let answers = [
        answer("CSW", 100.0),
        answer("the CSW.", 100.0),
        answer("The CSW", 0.0),
        answer("Commission", 100.0),
        answer("Comission", 0.0),
        answer("Beijing", 100.0),
    ];
    let found = clashes(&answers, forgiving());
    assert!(found.contains(&Clash::Duplicate {
        first: 0,
        second: 1
    }));
    assert!(found.contains(&Clash::Contradict {
        first: 0,
        second: 2
    }));
    assert!(found.contains(&Clash::Contradict {
        first: 1,
        second: 2
    }));
    assert!(found.contains(&Clash::Near { right: 3, other: 4 }));
    assert_eq!(found.len(), 4, "{found:?}");
    // Exact: only what case, spaces and accents make the same.
    assert!(clashes(&answers, Matching::Exact).is_empty());
    let exact = [answer("Beijing", 100.0), answer("BEIJING", 100.0)];
    assert_eq!(
        clashes(&exact, Matching::Exact),
        vec![Clash::Duplicate {
            first: 0,
            second: 1
        }]
    );
}

#[test]
fn a_long_hostile_answer_is_compared_without_slips() {
    let long = "a".repeat(100_000);
    let typed = format!("{}b", "a".repeat(99_999));
    assert_eq!(closeness(forgiving(), &long, &typed), None);
}
