//! The plan of one attempt: which questions are asked, in which order, with choices in which
//! order. Drawn from a seed and then recorded, so a review shows exactly what was asked even if
//! the quiz or the random generator changes later.

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use super::Quiz;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlannedQuestion {
    pub id: String,
    /// Positions (in the quiz file) of the options, in the order they are shown.
    #[serde(rename = "options")]
    pub option_order: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptPlan {
    pub questions: Vec<PlannedQuestion>,
}

impl AttemptPlan {
    /// Draws and orders the questions of `quiz` for an attempt seeded with `seed`.
    pub fn new(quiz: &Quiz, seed: u64) -> AttemptPlan {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut picked: Vec<usize> = (0..quiz.questions.len()).collect();
        if quiz.draw > 0 && (quiz.draw as usize) < picked.len() {
            picked.shuffle(&mut rng);
            picked.truncate(quiz.draw as usize);
            if !quiz.shuffle {
                // Drawn questions keep the author's order unless shuffling was asked for.
                picked.sort_unstable();
            }
        } else if quiz.shuffle {
            picked.shuffle(&mut rng);
        }
        let questions = picked
            .into_iter()
            .map(|i| {
                let q = &quiz.questions[i];
                let mut option_order: Vec<usize> = (0..q.kind.option_count()).collect();
                match q.kind.name() {
                    // Items to order and answers to match are written in the right order:
                    // they are always mixed, and never shown already solved.
                    "order" | "match" if option_order.len() > 1 => {
                        option_order.shuffle(&mut rng);
                        if option_order.windows(2).all(|w| w[0] < w[1]) {
                            option_order.rotate_left(1);
                        }
                    }
                    // True/false keeps True first: shuffling two fixed words only confuses.
                    "true-false" => {}
                    _ if quiz.shuffle => option_order.shuffle(&mut rng),
                    _ => {}
                }
                PlannedQuestion {
                    id: q.id.clone(),
                    option_order,
                }
            })
            .collect();
        AttemptPlan { questions }
    }

    /// As JSON: `[{"id":"q1","options":[2,0,1]},{"id":"q2","options":[0,1]}]`.
    pub fn to_record(&self) -> String {
        serde_json::to_string(&self.questions).expect("a plan is plain data")
    }

    /// A plan [`AttemptPlan::to_record`] wrote; `None` for anything else.
    pub fn from_record(text: &str) -> Option<AttemptPlan> {
        let questions = serde_json::from_str(text).ok()?;
        Some(AttemptPlan { questions })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::{Choice, Question, QuestionKind};

    fn quiz(n: usize, shuffle: bool, draw: u32) -> Quiz {
        let choices = (0..4)
            .map(|i| Choice {
                text: format!("c{i}"),
                correct: i == 0,
                feedback: None,
                weight: None,
            })
            .collect::<Vec<_>>();
        Quiz {
            id: "quiz".into(),
            title: "Quiz".into(),
            pass_mark: 50,
            max_attempts: 0,
            shuffle,
            draw,
            questions: (0..n)
                .map(|i| Question {
                    id: format!("q{i}"),
                    prompt: String::new(),
                    points: crate::quiz::Points::new(1.0).unwrap(),
                    explanation: None,
                    hints: Vec::new(),
                    kind: QuestionKind::Single {
                        choices: choices.clone(),
                    },
                })
                .collect(),
        }
    }

    fn ids(plan: &AttemptPlan) -> Vec<&str> {
        plan.questions.iter().map(|q| q.id.as_str()).collect()
    }

    #[test]
    fn without_shuffle_every_question_comes_in_the_authors_order() {
        let plan = AttemptPlan::new(&quiz(3, false, 0), 42);
        assert_eq!(ids(&plan), ["q0", "q1", "q2"]);
        assert_eq!(plan.questions[1].option_order, [0, 1, 2, 3]);
    }

    #[test]
    fn the_same_seed_gives_the_same_plan_and_another_seed_usually_not() {
        let q = quiz(10, true, 0);
        assert_eq!(AttemptPlan::new(&q, 7), AttemptPlan::new(&q, 7));
        let differing = (0..20)
            .filter(|s| AttemptPlan::new(&q, *s) != AttemptPlan::new(&q, 7))
            .count();
        assert!(differing >= 18);
        let plan = AttemptPlan::new(&q, 3);
        let mut sorted = ids(&plan);
        sorted.sort_unstable();
        assert_eq!(sorted.len(), 10);
        sorted.dedup();
        assert_eq!(sorted.len(), 10, "every question exactly once");
    }

    #[test]
    fn draw_asks_n_distinct_questions() {
        let plan = AttemptPlan::new(&quiz(10, false, 4), 1);
        let got = ids(&plan);
        assert_eq!(got.len(), 4);
        let mut sorted = got.clone();
        sorted.sort_unstable();
        assert_eq!(got, sorted, "drawn questions keep the author's order");
        sorted.dedup();
        assert_eq!(sorted.len(), 4);
    }

    #[test]
    fn a_plan_round_trips_through_its_record() {
        let plan = AttemptPlan::new(&quiz(5, true, 3), 99);
        assert!(
            plan.to_record().starts_with(r#"[{"id":"#),
            "{}",
            plan.to_record()
        );
        assert_eq!(AttemptPlan::from_record(&plan.to_record()), Some(plan));
        assert_eq!(AttemptPlan::from_record("q1=0,1"), None);
        assert_eq!(AttemptPlan::from_record("q1=a"), None);
    }
}
