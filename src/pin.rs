//! PINs and passwords: argon2id hashing and the lockout rule.
//!
//! A shared workstation's records file can be copied by anyone at the desk, so a PIN or a
//! password is only ever kept as a salted argon2id hash. A 4-digit PIN has only 10,000
//! values, which no hash can make hard to guess offline; what protects it at the desk is
//! the pause after [`MAX_TRIES`] wrong PINs, growing with each pause ([`lockout_delay`]).

use std::time::Duration;

use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use argon2::{ARGON2ID_IDENT, Algorithm, Argon2, Params, Version};

/// Wrong PINs in a row before a pause.
pub const MAX_TRIES: u32 = 5;

/// The first pause; each later one doubles it, up to [`LONGEST_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_secs(30);

/// Long enough to stop guessing, short enough that a learner who forgot is not shut out
/// for the day before a facilitator can reset the PIN.
const LONGEST_PAUSE: Duration = Duration::from_secs(60 * 60);

/// OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): a few tens of milliseconds on
/// an old PC, which a learner does not notice once per sign-in.
const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;

/// The most a stored hash may ask for when it is checked. A hash is read from a file that
/// anyone can edit; without a bound, `m=4000000000` would make a PIN check try to allocate
/// terabytes and abort the program. Generous, so that hashes from a future Hatua with
/// stronger settings still verify.
const MAX_VERIFY_MEMORY_KIB: u32 = 256 * 1024;
const MAX_VERIFY_PASSES: u32 = 16;
const MAX_VERIFY_LANES: u32 = 16;

#[derive(Debug, thiserror::Error)]
pub enum PinError {
    // The source names what failed (the system's random source, say), never the secret.
    #[error(
        "Hatua could not protect the PIN or password ({0}), so nothing was saved. Try again, \
         and if it keeps happening, report the problem."
    )]
    Hash(argon2::password_hash::Error),
}

/// Hashes `secret` with argon2id and a fresh random salt, as a PHC string
/// (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) that carries its own parameters.
pub fn hash_secret(secret: &str) -> Result<String, PinError> {
    let params =
        Params::new(MEMORY_KIB, PASSES, LANES, None).map_err(|e| PinError::Hash(e.into()))?;
    let hash = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(secret.as_bytes())
        .map_err(PinError::Hash)?;
    Ok(hash.to_string())
}

/// Whether `secret` is the one hashed in `phc`. Anything but a well-formed argon2id hash
/// within sane cost bounds is a mismatch, never an error or a panic: the caller can only
/// refuse either way.
pub fn verify_secret(secret: &str, phc: &str) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else {
        return false;
    };
    // argon2i and argon2d would verify too; only argon2id is ever written, so anything else
    // is not a hash of ours.
    if hash.algorithm != ARGON2ID_IDENT {
        return false;
    }
    let Ok(params) = Params::try_from(&hash) else {
        return false;
    };
    if params.m_cost() > MAX_VERIFY_MEMORY_KIB
        || params.t_cost() > MAX_VERIFY_PASSES
        || params.p_cost() > MAX_VERIFY_LANES
    {
        return false;
    }
    // The parameters come from the hash, not from this instance.
    Argon2::default()
        .verify_password(secret.as_bytes(), &hash)
        .is_ok()
}

/// A PIN is 4 to 8 ASCII digits: easy to type on any keyboard layout and to remember.
pub fn is_valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// How long the `lockouts`-th pause lasts (counting from 1): 30 s, then 1 min, 2 min, 4 min,
/// … doubling up to one hour. Each pause is longer so that guessing a 4-digit PIN takes
/// weeks, while a learner who mistypes a few times waits only half a minute.
pub fn lockout_delay(lockouts: u32) -> Duration {
    let doublings = lockouts.saturating_sub(1);
    // 2^7 pauses of 30 s already pass the hour; stopping there keeps the shift in range.
    if doublings >= 7 {
        return LONGEST_PAUSE;
    }
    (FIRST_PAUSE * (1 << doublings)).min(LONGEST_PAUSE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_secret_and_nothing_else() {
        let hash = hash_secret("4821").unwrap();
        assert!(verify_secret("4821", &hash));
        for wrong in ["4822", "1284", "48210", "482", "", " 4821", "４８２１"] {
            assert!(!verify_secret(wrong, &hash), "{wrong:?} was accepted");
        }
        let password = hash_secret("long enough passphrase ✓").unwrap();
        assert!(verify_secret("long enough passphrase ✓", &password));
        assert!(!verify_secret("long enough passphrase", &password));
    }

    #[test]
    fn a_hash_is_salted_argon2id_with_the_owasp_parameters_and_hides_the_secret() {
        let pin = "97531864";
        let first = hash_secret(pin).unwrap();
        let second = hash_secret(pin).unwrap();
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        assert!(!first.contains(pin), "{first}");
        // A fresh salt each time: equal PINs do not give equal hashes.
        assert_ne!(first, second);
        assert!(verify_secret(pin, &second));
    }

    #[test]
    fn a_malformed_or_foreign_hash_is_a_mismatch_not_a_panic() {
        let good = hash_secret("1234").unwrap();
        let argon2i = good.replacen("$argon2id$", "$argon2i$", 1);
        let greedy = good.replacen("m=19456", "m=4000000000", 1);
        let slow = good.replacen("t=2", "t=4000000000", 1);
        let cut = &good[..good.len() - 5];
        for bad in [
            "",
            "1234",
            "$argon2id$",
            "$argon2id$v=19$m=19456,t=2,p=1$",
            "$argon2id$v=19$m=0,t=0,p=0$c2FsdHNhbHQ$aGFzaA",
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
            "$argon2id$v=19$m=19456,t=2,p=1$!!!$!!!",
            cut,
            &argon2i,
            &greedy,
            &slow,
        ] {
            assert!(!verify_secret("1234", bad), "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_pin_is_four_to_eight_ascii_digits() {
        for good in ["0000", "1234", "12345678", "00700"] {
            assert!(is_valid_pin(good), "{good:?}");
        }
        for bad in [
            "",
            "123",
            "123456789",
            "12a4",
            " 1234",
            "1234 ",
            "12 34",
            "-123",
            "+1234",
            "١٢٣٤",
            "１２３４",
            "12.4",
        ] {
            assert!(!is_valid_pin(bad), "{bad:?}");
        }
    }

    #[test]
    fn pauses_start_at_30_seconds_double_and_stop_at_an_hour() {
        let secs = |n| lockout_delay(n).as_secs();
        assert_eq!(
            (1..=9).map(secs).collect::<Vec<_>>(),
            [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]
        );
        assert_eq!(secs(0), 30, "no pause yet is treated as the first");
        assert_eq!(secs(31), 3600);
        assert_eq!(secs(32), 3600);
        assert_eq!(secs(u32::MAX), 3600);
    }
}
