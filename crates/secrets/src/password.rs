//! Random passwords as Secrets Manager makes them (GetRandomPassword) and the secret strings
//! CloudFormation's `GenerateSecretString` asks for. The generator takes its randomness as a
//! parameter; the public functions use the OS's random source.

use rand::seq::SliceRandom;
use rand::Rng;
use serde::Deserialize;

const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
/// The punctuation Secrets Manager draws from (its documentation's list).
const PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// What GetRandomPassword takes (and GenerateSecretString, less the template).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct PasswordSpec {
    pub password_length: i64,
    pub exclude_characters: String,
    pub exclude_numbers: bool,
    pub exclude_punctuation: bool,
    pub exclude_uppercase: bool,
    pub exclude_lowercase: bool,
    pub include_space: bool,
    pub require_each_included_type: bool,
}

impl Default for PasswordSpec {
    fn default() -> Self {
        PasswordSpec {
            password_length: 32,
            exclude_characters: String::new(),
            exclude_numbers: false,
            exclude_punctuation: false,
            exclude_uppercase: false,
            exclude_lowercase: false,
            include_space: false,
            require_each_included_type: true,
        }
    }
}

/// `AWS::SecretsManager::Secret`'s `GenerateSecretString`: a password, alone or put under
/// `GenerateStringKey` in the JSON object `SecretStringTemplate`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct GenerateSecretString {
    #[serde(flatten)]
    pub password: PasswordSpec,
    pub secret_string_template: Option<String>,
    pub generate_string_key: Option<String>,
}

/// Why a spec cannot be satisfied; the text is Secrets Manager's InvalidParameterException's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidSpec(pub String);

/// A password as GetRandomPassword makes it, from the OS's random source.
pub fn get_random_password(spec: &PasswordSpec) -> Result<String, InvalidSpec> {
    password_with(spec, &mut rand::rngs::OsRng)
}

/// The secret string `GenerateSecretString` describes, from the OS's random source.
pub fn generate_secret_string(spec: &GenerateSecretString) -> Result<String, InvalidSpec> {
    secret_string_with(spec, &mut rand::rngs::OsRng)
}

pub fn secret_string_with(spec: &GenerateSecretString, rng: &mut impl Rng) -> Result<String, InvalidSpec> {
    match (&spec.secret_string_template, &spec.generate_string_key) {
        (None, None) => password_with(&spec.password, rng),
        (Some(template), Some(key)) => {
            let mut doc: serde_json::Value = serde_json::from_str(template)
                .map_err(|_| InvalidSpec("The SecretStringTemplate must be a valid JSON string.".into()))?;
            let Some(obj) = doc.as_object_mut() else {
                return Err(InvalidSpec("The SecretStringTemplate must be a JSON object.".into()));
            };
            if key.is_empty() {
                return Err(InvalidSpec("GenerateStringKey must not be empty.".into()));
            }
            obj.insert(key.clone(), serde_json::Value::String(password_with(&spec.password, rng)?));
            Ok(doc.to_string())
        }
        _ => Err(InvalidSpec("You must specify both SecretStringTemplate and GenerateStringKey, or neither.".into())),
    }
}

/// The password a spec describes, drawing from `rng`.
pub fn password_with(spec: &PasswordSpec, rng: &mut impl Rng) -> Result<String, InvalidSpec> {
    if !(1..=4096).contains(&spec.password_length) {
        return Err(InvalidSpec("Password length must be between 1 and 4096.".into()));
    }
    let len = spec.password_length as usize;
    let keep = |set: &str| -> Vec<char> { set.chars().filter(|c| !spec.exclude_characters.contains(*c)).collect() };
    let mut classes: Vec<Vec<char>> = Vec::new();
    for (set, excluded) in [
        (LOWER, spec.exclude_lowercase),
        (UPPER, spec.exclude_uppercase),
        (DIGITS, spec.exclude_numbers),
        (PUNCTUATION, spec.exclude_punctuation),
    ] {
        if !excluded {
            classes.push(keep(set));
        }
    }
    let mut pool: Vec<char> = classes.iter().flatten().copied().collect();
    // A space may be drawn, but is not one of the types RequireEachIncludedType asks for.
    if spec.include_space && !spec.exclude_characters.contains(' ') {
        pool.push(' ');
    }
    if pool.is_empty() {
        return Err(InvalidSpec("The password can't be generated: every character is excluded.".into()));
    }
    let mut out: Vec<char> = Vec::with_capacity(len);
    if spec.require_each_included_type {
        if classes.iter().any(Vec::is_empty) {
            return Err(InvalidSpec(
                "The password can't include each required character type: one type has every character excluded."
                    .into(),
            ));
        }
        if classes.len() > len {
            return Err(InvalidSpec(format!(
                "The password length {len} is too short to include each of the {} required character types.",
                classes.len()
            )));
        }
        for class in &classes {
            out.push(class[rng.gen_range(0..class.len())]);
        }
    }
    while out.len() < len {
        out.push(pool[rng.gen_range(0..pool.len())]);
    }
    out.shuffle(rng);
    Ok(out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn rng() -> rand::rngs::StdRng {
        rand::rngs::StdRng::seed_from_u64(7)
    }

    fn spec(f: impl FnOnce(&mut PasswordSpec)) -> PasswordSpec {
        let mut s = PasswordSpec::default();
        f(&mut s);
        s
    }

    #[test]
    fn default_is_32_characters_with_every_type() {
        for _ in 0..50 {
            let p = get_random_password(&PasswordSpec::default()).unwrap();
            assert_eq!(p.chars().count(), 32);
            assert!(p.chars().any(|c| c.is_ascii_lowercase()));
            assert!(p.chars().any(|c| c.is_ascii_uppercase()));
            assert!(p.chars().any(|c| c.is_ascii_digit()));
            assert!(p.chars().any(|c| PUNCTUATION.contains(c)));
            assert!(!p.contains(' '));
        }
    }

    #[test]
    fn exclusions_are_honoured() {
        let s = spec(|s| {
            s.password_length = 200;
            s.exclude_punctuation = true;
            s.exclude_uppercase = true;
            s.exclude_characters = "abc0".into();
        });
        let p = password_with(&s, &mut rng()).unwrap();
        assert_eq!(p.len(), 200);
        assert!(p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()), "{p}");
        assert!(!p.contains(['a', 'b', 'c', '0']), "{p}");
        let digits_only = spec(|s| {
            s.exclude_punctuation = true;
            s.exclude_uppercase = true;
            s.exclude_lowercase = true;
        });
        assert!(password_with(&digits_only, &mut rng()).unwrap().chars().all(|c| c.is_ascii_digit()));
    }

    #[test]
    fn space_only_when_asked() {
        let with = spec(|s| {
            s.password_length = 4000;
            s.include_space = true;
        });
        assert!(password_with(&with, &mut rng()).unwrap().contains(' '));
        let without = spec(|s| s.password_length = 4000);
        assert!(!password_with(&without, &mut rng()).unwrap().contains(' '));
        // Space is not a required type: a four-character password still has room for the others.
        let short = spec(|s| {
            s.password_length = 4;
            s.include_space = true;
        });
        assert_eq!(password_with(&short, &mut rng()).unwrap().len(), 4);
    }

    #[test]
    fn impossible_specs_are_refused() {
        let cases = [
            spec(|s| s.password_length = 0),
            spec(|s| s.password_length = 4097),
            spec(|s| s.password_length = 3), // four required types
            spec(|s| {
                s.exclude_lowercase = true;
                s.exclude_uppercase = true;
                s.exclude_numbers = true;
                s.exclude_punctuation = true;
            }),
            spec(|s| s.exclude_characters = DIGITS.into()), // digits required, all excluded
        ];
        for c in cases {
            assert!(password_with(&c, &mut rng()).is_err(), "{c:?}");
        }
        // Without the requirement, a short password from a partly excluded pool is fine.
        let ok = spec(|s| {
            s.password_length = 3;
            s.require_each_included_type = false;
            s.exclude_characters = DIGITS.into();
        });
        assert_eq!(password_with(&ok, &mut rng()).unwrap().len(), 3);
    }

    #[test]
    fn secret_string_template_gets_the_password_under_the_key() {
        let g: GenerateSecretString = serde_json::from_value(serde_json::json!({
            "SecretStringTemplate": "{\"username\":\"admin\"}",
            "GenerateStringKey": "password",
            "PasswordLength": 16,
            "ExcludeCharacters": "\"@/\\"
        }))
        .unwrap();
        let s = secret_string_with(&g, &mut rng()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["username"], "admin");
        let p = v["password"].as_str().unwrap();
        assert_eq!(p.len(), 16);
        assert!(!p.contains(['"', '@', '/', '\\']));
        // Alone, a bare password.
        let bare = GenerateSecretString::default();
        assert_eq!(generate_secret_string(&bare).unwrap().len(), 32);
        // Half a template, or a template that is not an object, is refused.
        let half = GenerateSecretString { generate_string_key: Some("k".into()), ..Default::default() };
        assert!(generate_secret_string(&half).is_err());
        let list = GenerateSecretString {
            generate_string_key: Some("k".into()),
            secret_string_template: Some("[1]".into()),
            ..Default::default()
        };
        assert!(generate_secret_string(&list).is_err());
    }

    #[test]
    fn same_seed_same_password() {
        let s = PasswordSpec::default();
        assert_eq!(password_with(&s, &mut rng()).unwrap(), password_with(&s, &mut rng()).unwrap());
    }
}
