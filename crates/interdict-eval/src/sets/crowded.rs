//! Ordinary Pakistani customers: the crowded given and family names a bank in Pakistan screens
//! all day (Muhammad, Ali, Hussain, Khan, Ahmed), with full dates of birth and nationality `pk`.
//! None of them is listed; every alert is a false one.
//!
//! Given names are Pakistan's most common ones from the forenames-by-country resource, with the
//! common Pakistani given names that resource leaves out; family names are the South Asian ones
//! of the surnames-by-country resource (India, Bangladesh) and common Pakistani family, clan
//! and Sayyid names. Names take the shapes Pakistani records use: "Given Family", "Muhammad
//! Given Family", "Syed Given Family", "Given Given Family".

use super::negatives::{read_forenames, read_surnames_by_country, COLUMNS};
use super::{Error, LabelledSet, Resources};
use crate::rng::Rng;
use interdict_model::PartialDate;

/// Common Pakistani given names besides the resource's twenty (as usually romanised).
const GIVEN_MALE: &[&str] = &[
    "Muhammad",
    "Ahmed",
    "Ahmad",
    "Hassan",
    "Imran",
    "Asif",
    "Kashif",
    "Faisal",
    "Tariq",
    "Khalid",
    "Naveed",
    "Waqas",
    "Adnan",
    "Salman",
    "Fahad",
    "Hamza",
    "Umar",
    "Abdullah",
    "Zeeshan",
    "Kamran",
    "Nadeem",
    "Irfan",
    "Javed",
    "Arif",
    "Rashid",
    "Shahzad",
    "Sohail",
    "Aamir",
    "Babar",
    "Junaid",
    "Sajid",
    "Wasim",
    "Yasir",
    "Zubair",
    "Haris",
    "Asad",
    "Farhan",
    "Danish",
    "Rizwan",
    "Ijaz",
    "Aslam",
    "Akram",
    "Nasir",
    "Tahir",
    "Shoaib",
    "Atif",
    "Mudassar",
    "Qasim",
    "Rehan",
    "Saad",
    "Talha",
    "Waleed",
    "Shahbaz",
    "Naeem",
    "Zafar",
    "Anwar",
    "Iftikhar",
    "Mushtaq",
    "Abdul Rehman",
    "Abdul Qadir",
    "Ghulam Mustafa",
    "Ghulam Abbas",
    "Noor",
    "Sher",
    "Gul",
];
const GIVEN_FEMALE: &[&str] = &[
    "Sana", "Hina", "Saima", "Nadia", "Rabia", "Amina", "Sadia", "Asma", "Uzma", "Shazia",
    "Samina", "Noreen", "Bushra", "Iqra", "Mehwish", "Kiran", "Nazia", "Sidra", "Aqsa", "Mahnoor",
    "Hira", "Nimra", "Saba", "Rukhsana", "Shabana", "Nasreen", "Parveen", "Tahira", "Zahida",
];
/// Common Pakistani family, clan and Sayyid names.
const FAMILY: &[&str] = &[
    "Khan",
    "Ahmed",
    "Ali",
    "Hussain",
    "Shah",
    "Malik",
    "Butt",
    "Chaudhry",
    "Qureshi",
    "Siddiqui",
    "Sheikh",
    "Awan",
    "Raja",
    "Abbasi",
    "Rizvi",
    "Zaidi",
    "Naqvi",
    "Jafri",
    "Bukhari",
    "Gillani",
    "Niazi",
    "Khattak",
    "Yousafzai",
    "Afridi",
    "Durrani",
    "Mirza",
    "Baig",
    "Javed",
    "Iqbal",
    "Rana",
    "Bhatti",
    "Cheema",
    "Gondal",
    "Warraich",
    "Memon",
    "Soomro",
    "Jatoi",
    "Leghari",
    "Mazari",
    "Khosa",
    "Marri",
    "Bugti",
    "Mengal",
    "Baloch",
    "Kazmi",
    "Hashmi",
    "Farooqi",
    "Usmani",
    "Ansari",
    "Tariq",
    "Aslam",
    "Akhtar",
    "Anwar",
    "Haider",
    "Raza",
    "Abbas",
    "Mehmood",
    "Rehman",
    "Saleem",
    "Nawaz",
    "Zafar",
    "Arain",
    "Jutt",
    "Gujjar",
    "Rajput",
    "Kiani",
    "Satti",
    "Dar",
    "Lone",
    "Mughal",
    "Paracha",
    "Sethi",
    "Shaikh",
    "Syed",
];

/// `n` ordinary Pakistani customers with full dates of birth and nationality `pk`.
pub fn pakistan(res: &Resources, n: usize, seed: u64) -> Result<LabelledSet, Error> {
    let mut male: Vec<String> = GIVEN_MALE.iter().map(|s| s.to_string()).collect();
    let mut female: Vec<String> = GIVEN_FEMALE.iter().map(|s| s.to_string()).collect();
    for given in read_forenames(res)?.remove("PK").unwrap_or_default() {
        match given.gender {
            "female" => female.push(given.romanised),
            _ => male.push(given.romanised),
        }
    }
    let mut family: Vec<String> = FAMILY.iter().map(|s| s.to_string()).collect();
    // Muslim family names of the region only: the resource's Hindu ones are not Pakistani.
    let muslim = [
        "Ahmed", "Ali", "Islam", "Hossain", "Rahman", "Khatun", "Akter",
    ];
    let mut surnames = read_surnames_by_country(res)?;
    family.extend(
        ["IN", "BD"]
            .iter()
            .flat_map(|c| surnames.remove(*c).unwrap_or_default())
            .map(|(_, romanised)| romanised)
            .filter(|f| muslim.contains(&f.as_str())),
    );
    family.sort();
    family.dedup();
    let mut rng = Rng::derive(seed, "crowded-pakistan", 0);
    let mut set = LabelledSet::new("crowded_pk", &COLUMNS);
    for _ in 0..n {
        let female_row = rng.chance(0.35);
        let pool = if female_row { &female } else { &male };
        let given = rng.pick(pool).clone();
        let last = rng.pick(&family).clone();
        let roll = rng.below(100);
        let (first, variant) = match roll {
            0..=24 if !female_row => (format!("Muhammad {given}"), "muhammad-given-family"),
            25..=34 if !female_row => (format!("Syed {given}"), "syed-given-family"),
            35..=49 => {
                let second = rng.pick(pool).clone();
                (format!("{given} {second}"), "given-given-family")
            }
            _ => (given, "given-family"),
        };
        let full = format!("{first} {last}");
        let dob = PartialDate::ymd(
            1945 + rng.below(60) as u16,
            1 + rng.below(12) as u8,
            1 + rng.below(28) as u8,
        )
        .map(|d| d.to_string())
        .unwrap_or_default();
        set.push(&[
            ("full_name", &full),
            ("first_name", &first),
            ("last_name", &last),
            ("gender", if female_row { "female" } else { "male" }),
            ("date_of_birth", &dob),
            ("nationality", "pk"),
            ("expected_ref", ""),
            ("variant", variant),
        ]);
    }
    Ok(set)
}
