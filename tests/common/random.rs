//! A random, valid account and migration request from a seed, shared by the property tests
//! and the differential test against the reference model.
use serde_json::{json, Value};

/// splitmix64: a tiny deterministic generator driven by proptest's seed.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

pub const ROLES: [&str; 7] = [
    "admin",
    "approver",
    "viewer",
    "user",
    "licenseUser",
    "serviceUser",
    "fullUser",
];

/// A random, valid account and a request that passes the request checks (contracts may
/// still be rejected one by one). Unknown fields are sprinkled in to check they survive.
pub fn generate(seed: u64) -> (Value, Value) {
    let mut r = Rng(seed);
    let vas = 1 + r.below(4);
    let users = 2 + r.below(7);
    let contracts = r.below(4);
    let va_id = |i: usize| format!("V{i}");
    let migrated = r.chance(30);
    let mut user_list = Vec::new();
    for u in 0..users {
        let mut grants: Vec<Value> = Vec::new();
        let mut seen = Vec::new();
        if u == 0 {
            grants.push(json!({"role": "admin"}));
            seen.push(("admin".to_string(), None));
        }
        for _ in 0..r.below(4) {
            let role = ROLES[r.below(ROLES.len())];
            let scope = if role == "approver" || r.chance(35) {
                None
            } else {
                Some(va_id(r.below(vas)))
            };
            if role == "admin" && scope.is_none() && r.chance(70) {
                continue;
            }
            if seen.contains(&(role.to_string(), scope.clone())) {
                continue;
            }
            seen.push((role.to_string(), scope.clone()));
            let mut g = match &scope {
                Some(va) => json!({"role": role, "va": va}),
                None => json!({"role": role}),
            };
            if r.chance(10) {
                g["source"] = json!("sync");
            }
            grants.push(g);
        }
        let mut user = json!({"id": format!("u{u}"), "name": format!("User {u}"), "org": "corp.example", "grants": grants});
        if r.chance(10) {
            user["x-team"] = json!({"k": u});
        }
        user_list.push(user);
    }
    let mut contract_list = Vec::new();
    for c in 0..contracts {
        let lines: Vec<Value> = (0..r.below(4))
            .map(|l| json!({"id": format!("{l}"), "va": if r.chance(90) { json!(va_id(r.below(vas))) } else { Value::Null }}))
            .collect();
        let pick = |r: &mut Rng, p: u64| -> Vec<String> {
            (0..users)
                .filter(|_| r.chance(p))
                .map(|u| format!("u{u}"))
                .collect()
        };
        let mut admins = pick(&mut r, 20);
        if r.chance(80) && !admins.contains(&"u0".to_string()) {
            admins.push("u0".into());
        }
        let smart = r.chance(15);
        contract_list.push(json!({
            "id": format!("C{c}"), "kind": if r.chance(50) { "service" } else { "subscription" },
            "access": if smart { "smart" } else { "traditional" },
            "migratedOn": if smart { json!("2026-11-10") } else { Value::Null },
            "administrators": admins, "users": pick(&mut r, 45), "lines": lines,
            "renewal": "keep-me"
        }));
    }
    let account = json!({
        "id": "SA", "name": "Random", "org": "corp.example",
        "smartAccessMigratedOn": if migrated { json!("2026-01-01") } else { Value::Null },
        "virtualAccounts": (0..vas).map(|i| json!({"id": va_id(i), "name": format!("VA {i}")})).collect::<Vec<_>>(),
        "users": user_list, "contracts": contract_list.clone(), "extra": [1, 2, 3]
    });
    let named: Vec<&Value> = contract_list.iter().filter(|_| r.chance(70)).collect();
    let mut request = json!({"actor": "u0", "on": "2026-11-23"});
    if !migrated {
        request["smartAccessRole"] = json!(if r.chance(50) {
            "licenseUser"
        } else {
            "fullUser"
        });
    }
    if !named.is_empty() {
        request["contracts"] = json!(named.iter().map(|c| c["id"].clone()).collect::<Vec<_>>());
        request["contractRole"] = json!(if r.chance(50) {
            "serviceUser"
        } else {
            "fullUser"
        });
        let mut exclude = serde_json::Map::new();
        for c in &named {
            let out: Vec<Value> = c["users"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|_| r.chance(25))
                .cloned()
                .collect();
            if !out.is_empty() {
                exclude.insert(c["id"].as_str().unwrap().to_owned(), Value::Array(out));
            }
        }
        request["exclude"] = Value::Object(exclude);
    } else if migrated {
        // Nothing left to ask for: name every contract anyway (they may all be rejected).
        request["contracts"] = json!(contract_list
            .iter()
            .map(|c| c["id"].clone())
            .collect::<Vec<_>>());
        request["contractRole"] = json!("serviceUser");
    }
    (account, request)
}
