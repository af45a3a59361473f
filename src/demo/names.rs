//! Realistic, diverse staff names and unique `first.last@example.org` emails.

use std::collections::HashMap;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// Where a name comes from; offices mix pools in different proportions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pool {
    British,
    Irish,
    Scottish,
    HongKong,
    Australian,
}

#[rustfmt::skip]
const BRITISH_FIRST: &[&str] = &[
    "Oliver", "Amelia", "Harry", "Isla", "George", "Olivia", "Jack", "Emily", "Thomas", "Sophie",
    "James", "Charlotte", "William", "Grace", "Daniel", "Hannah", "Samuel", "Lucy", "Joseph",
    "Megan", "Priya", "Aarav", "Fatima", "Mohammed", "Aisha", "Yusuf", "Zara", "Ravi", "Anjali",
    "Imran", "Chloe", "Ethan", "Jessica", "Ben", "Rachel", "Adeola", "Chidi", "Kwame", "Ama",
    "Tomasz", "Agnieszka", "Marek", "Ewa", "Luca", "Giulia", "Siân", "Rhys", "Gareth", "Bethan",
    "Rebecca", "Matthew", "Laura", "Paul", "Helen", "David", "Sarah", "Michael", "Claire",
    "Stephen", "Joanne", "Andrew", "Nicola", "Mark", "Louise", "Nadia", "Omar", "Hassan", "Leah",
    "Kiran", "Deepa",
];

#[rustfmt::skip]
const BRITISH_LAST: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
    "Clarke", "Patel", "Khan", "Ahmed", "Shah", "Begum", "Hussain", "Singh", "Kaur", "Okafor",
    "Adeyemi", "Mensah", "Kowalski", "Nowak", "Rossi", "Hughes", "Edwards", "Lewis", "Turner",
    "Hill", "Moore", "Cooper", "Ward", "Morris", "King", "Baker", "Harrison", "Morgan", "Bennett",
    "Shaw", "Holmes", "Price", "Lloyd", "Parry", "Bailey", "Marsh", "Fletcher", "Chapman", "Barker",
    "Osei", "Mistry", "Chaudhry", "Begum", "Akhtar", "Okoye", "Wiśniewski", "Da Silva", "Greenwood",
    "Ashworth",
];

#[rustfmt::skip]
const IRISH_FIRST: &[&str] = &[
    "Aoife", "Ciarán", "Niamh", "Seán", "Siobhán", "Oisín", "Caoimhe", "Conor", "Róisín", "Declan",
    "Orla", "Eoin", "Clodagh", "Darragh", "Sinéad", "Pádraig", "Aisling", "Cathal", "Gráinne",
    "Ronan", "Emma", "Ryan", "Megan", "Jamie", "Chloe", "Mark", "Gemma", "Stephen", "Lauren",
    "Gareth", "Rachel", "Kyle", "Nuala", "Fionnuala", "Colm", "Bronagh", "Shane", "Deirdre",
    "Eamon", "Maeve", "Ruairí", "Éabha", "Tiernan", "Saoirse", "Dermot", "Bríd",
];

#[rustfmt::skip]
const IRISH_LAST: &[&str] = &[
    "Byrne", "Murphy", "Kelly", "O'Neill", "McCann", "Doherty", "Quinn", "Gallagher", "McLaughlin",
    "O'Brien", "Campbell", "Stewart", "McKenna", "Devlin", "Hughes", "Magee", "McAllister", "Boyle",
    "Donnelly", "Kennedy", "Maguire", "Mullan", "Rooney", "Walsh", "Fitzpatrick", "McGuinness",
    "Brennan", "Hamilton", "Irvine", "Graham", "Moore", "Patterson", "McDowell", "Armstrong",
    "Johnston", "Crawford", "Ferguson", "Millar", "Nolan", "Duffy", "Ó Murchú", "McGrath", "Toner",
    "Hegarty", "McCartan", "Lavery",
];

#[rustfmt::skip]
const SCOTTISH_FIRST: &[&str] = &[
    "Callum", "Eilidh", "Fraser", "Isla", "Hamish", "Kirsty", "Ruaridh", "Morag", "Euan", "Mhairi",
    "Alasdair", "Catriona", "Angus", "Fiona", "Lewis", "Iona", "Craig", "Shona", "Finlay", "Ailsa",
    "Kenneth", "Heather", "Douglas", "Lorna", "Struan", "Murray", "Rhona", "Gregor", "Skye",
    "Ross", "Kerry", "Graeme", "Morven", "Jamal", "Amir", "Ewan", "Kirsteen", "Niall",
];

#[rustfmt::skip]
const SCOTTISH_LAST: &[&str] = &[
    "MacDonald", "Campbell", "Stewart", "Robertson", "Thomson", "Anderson", "MacLeod", "Murray",
    "Paterson", "Ross", "Fraser", "Mackenzie", "Grant", "Ritchie", "Sinclair", "Cameron",
    "Henderson", "Munro", "Buchanan", "Kerr", "Hamilton", "Baird", "Craig", "Reid", "Gillespie",
    "McIntyre", "Drummond", "Forbes", "Gordon", "Lindsay", "Urquhart", "Wallace", "Morrison",
    "Docherty", "Malik", "Sutherland", "MacKay", "Crombie",
];

#[rustfmt::skip]
const HONG_KONG_FIRST: &[&str] = &[
    "Ka-ming", "Wing-yee", "Chi-keung", "Mei-ling", "Ho-yin", "Siu-fung", "Hoi-ting", "Wai-man",
    "Tsz-ching", "Kin-wah", "Karen", "Jason", "Winnie", "Kelvin", "Cheryl", "Raymond", "Vivian",
    "Eric", "Joyce", "Alvin", "Ivy", "Dickson", "Queenie", "Terence", "Agnes", "Ken", "Michelle",
    "Samuel", "Phoebe", "Desmond", "Yuen-ting", "Chun-hei", "Pak-long", "Sze-wan", "Man-kit",
    "Hiu-lam",
];

#[rustfmt::skip]
const HONG_KONG_LAST: &[&str] = &[
    "Chan", "Wong", "Lee", "Cheung", "Lau", "Leung", "Ng", "Ho", "Lam", "Tang", "Yeung", "Tsang",
    "Chow", "Kwok", "Fung", "Mak", "Chu", "Lai", "Tse", "Yip", "Siu", "Poon", "Lo", "Kwan", "Choi",
    "Au", "Hui", "Tam", "Cheng", "Ma",
];

#[rustfmt::skip]
const AUSTRALIAN_FIRST: &[&str] = &[
    "Jack", "Charlotte", "Oliver", "Mia", "Noah", "Olivia", "William", "Ava", "Liam", "Amelia",
    "Lachlan", "Isla", "Cooper", "Matilda", "Mitchell", "Chloe", "Brodie", "Jessica", "Hamish",
    "Sienna", "Riley", "Zoe", "Harrison", "Georgia", "Tom", "Kate", "Luke", "Emily", "Nathan",
    "Hannah", "Thanh", "Minh", "Linh", "Dimitri", "Eleni", "Marco", "Giulia", "Wei", "Jun", "Priya",
    "Arjun", "Aroha", "Jarrah", "Kirra",
];

#[rustfmt::skip]
const AUSTRALIAN_LAST: &[&str] = &[
    "Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Johnson", "Martin",
    "White", "Anderson", "Walker", "Thompson", "Thomas", "Ryan", "Kelly", "O'Connor", "Harris",
    "Clarke", "Papadopoulos", "Nikolaidis", "Russo", "Esposito", "Tran", "Le", "Pham", "Zhang",
    "Li", "Singh", "Sharma", "Campbell", "Mitchell", "Robinson", "Hughes", "King", "Murray",
    "McDonald", "Bennett", "Fitzgerald", "Walsh",
];

fn lists(pool: Pool) -> (&'static [&'static str], &'static [&'static str]) {
    match pool {
        Pool::British => (BRITISH_FIRST, BRITISH_LAST),
        Pool::Irish => (IRISH_FIRST, IRISH_LAST),
        Pool::Scottish => (SCOTTISH_FIRST, SCOTTISH_LAST),
        Pool::HongKong => (HONG_KONG_FIRST, HONG_KONG_LAST),
        Pool::Australian => (AUSTRALIAN_FIRST, AUSTRALIAN_LAST),
    }
}

/// A random name from the given mix of pools, as `(first, last)`.
pub(crate) fn random_name(
    rng: &mut ChaCha8Rng,
    mix: &[(Pool, f64)],
) -> (&'static str, &'static str) {
    let pool = mix[super::pick_weighted(rng, mix, |&(_, w)| w)].0;
    let (first, last) = lists(pool);
    (
        first[rng.random_range(0..first.len())],
        last[rng.random_range(0..last.len())],
    )
}

/// Hands out `first.last@example.org`, adding a number from the second holder on.
#[derive(Default)]
pub(crate) struct Emails {
    used: HashMap<String, u32>,
}

impl Emails {
    pub(crate) fn assign(&mut self, first: &str, last: &str) -> String {
        let local = format!("{}.{}", email_part(first), email_part(last));
        let count = self.used.entry(local.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            format!("{local}@example.org")
        } else {
            format!("{local}{count}@example.org")
        }
    }
}

/// Lower-case ASCII letters only: "Ó Murchú" -> "omurchu", "O'Neill" -> "oneill".
pub(crate) fn email_part(name: &str) -> String {
    name.chars()
        .filter_map(|c| {
            let c = match c {
                'á' | 'Á' => 'a',
                'é' | 'É' => 'e',
                'í' | 'Í' => 'i',
                'ó' | 'Ó' => 'o',
                'ú' | 'Ú' => 'u',
                'ś' | 'Ś' => 's',
                other => other,
            };
            c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase())
        })
        .collect()
}
