//! The roster: every instance record, decoded, rendered into its AWS shape and written as
//! DescribeInstances' XML once per change, shared by the readers that used to list and decode
//! all records from the store on every call (DescribeInstances, DescribeInstanceStatus, the
//! controller's passes, CloudWatch's CPU sampling).
//!
//! Every EC2 write bumps a generation ([`Roster::invalidate`], from `Ec2::write`, after the
//! write has committed); a reader whose view is of an older generation rebuilds it. A rebuild
//! lists the records' stored JSON text and keeps the entry of every instance whose text did
//! not change, so a change to one instance re-renders that one only.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use serde_json::{json, Value};
use wire::protocol::xml::Fragment;

use crate::error::Result;
use crate::records::{kind, InstanceRec};
use crate::Ec2;

/// One instance as the readers use it.
pub(crate) struct Entry {
    /// The record's JSON text as stored: an unchanged text (in a VPC whose DNS hostnames
    /// setting did not change) means an unchanged entry.
    raw: String,
    dns_hostnames: bool,
    pub rec: InstanceRec,
    /// `InstanceRec::render` plus `ReservationId`, which the `reservation-id` filter reads.
    pub rendered: Value,
    /// `rendered` written as the members of an `Instance` (EC2's XML).
    pub xml: Fragment,
}

/// The instances at one generation.
pub(crate) struct View {
    generation: u64,
    /// In key (instance id) order, as the store lists them.
    pub entries: Vec<Arc<Entry>>,
    /// Indexes into `entries` in DescribeInstances' order: launch time, then launch index.
    pub launch_order: Vec<usize>,
    by_id: HashMap<String, usize>,
}

impl View {
    pub fn get(&self, instance_id: &str) -> Option<&Arc<Entry>> {
        self.by_id.get(instance_id).map(|i| &self.entries[*i])
    }
}

pub(crate) struct Roster {
    generation: AtomicU64,
    view: RwLock<Arc<View>>,
    /// One rebuild at a time; readers of a current view never wait for it.
    rebuild: Mutex<()>,
}

impl Roster {
    pub fn new() -> Roster {
        let empty = View { generation: 0, entries: vec![], launch_order: vec![], by_id: HashMap::new() };
        Roster { generation: AtomicU64::new(1), view: RwLock::new(Arc::new(empty)), rebuild: Mutex::new(()) }
    }

    /// Called after every committed EC2 write: the next reader rebuilds its view.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    fn current(&self) -> Arc<View> {
        self.view.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The instances as of the last committed write.
    pub fn view(&self, ec2: &Ec2) -> Result<Arc<View>> {
        let view = self.current();
        if view.generation == self.generation.load(Ordering::Acquire) {
            return Ok(view);
        }
        let _one = self.rebuild.lock().unwrap_or_else(|e| e.into_inner());
        // Read the generation before the store: a write committed after this read bumps it
        // again, so a view is never labelled newer than what it holds.
        let generation = self.generation.load(Ordering::Acquire);
        let old = self.current();
        if old.generation == generation {
            return Ok(old);
        }
        let (raw, hostnames) = ec2.read(|tx| {
            let vpcs: HashMap<String, bool> = tx
                .list::<crate::records::VpcRec>(kind::VPC, "")?
                .into_iter()
                .map(|(id, v)| (id, v.enable_dns_hostnames()))
                .collect();
            Ok((tx.list_raw(kind::INSTANCE, "")?, vpcs))
        })?;
        let model = wire::model::load_embedded("ec2");
        let region = &ec2.config.region;
        let mut entries = Vec::with_capacity(raw.len());
        for (id, text) in raw {
            match old.get(&id) {
                Some(e)
                    if e.raw == text && hostnames.get(&e.rec.vpc_id).copied().unwrap_or(true) == e.dns_hostnames =>
                {
                    entries.push(e.clone())
                }
                _ => {
                    let rec: InstanceRec = store::decode(kind::INSTANCE, &id, &text)?;
                    let dns_hostnames = hostnames.get(&rec.vpc_id).copied().unwrap_or(true);
                    let mut rendered = rec.render_in(region, &ec2.config.account, dns_hostnames);
                    rendered["ReservationId"] = json!(rec.reservation_id);
                    let xml = Fragment::of(model, "Instance", &rendered);
                    entries.push(Arc::new(Entry { raw: text, dns_hostnames, rec, rendered, xml }));
                }
            }
        }
        let mut launch_order: Vec<usize> = (0..entries.len()).collect();
        launch_order.sort_by(|a, b| {
            let (a, b) = (&entries[*a].rec, &entries[*b].rec);
            a.launch_time.total_cmp(&b.launch_time).then(a.launch_index.cmp(&b.launch_index))
        });
        let by_id = entries.iter().enumerate().map(|(i, e)| (e.rec.instance_id.clone(), i)).collect();
        let view = Arc::new(View { generation, entries, launch_order, by_id });
        *self.view.write().unwrap_or_else(|e| e.into_inner()) = view.clone();
        Ok(view)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use serde_json::{json, Value};

    use crate::ops::instances::{describe_instances, describe_instances_xml};
    use crate::records::{kind, BootSpec, Desired, Health, InstanceRec, InstanceState, Tag};
    use crate::{Ec2, Ec2Config};

    struct NoCredentials;
    impl crate::CredentialSource for NoCredentials {
        fn instance_credentials(&self, _: &str, _: &str) -> Option<(String, Value)> {
            None
        }
        fn instance_profile_roles(&self, _: &str) -> Option<Vec<String>> {
            None
        }
    }

    fn region(dir: &std::path::Path) -> Arc<Ec2> {
        let store = Arc::new(store::Store::open(&dir.join("state.db")).unwrap());
        let config = Ec2Config {
            network: None,
            region: "ap-northeast-2".into(),
            account: "123456789012".into(),
            dir: dir.join("ec2"),
            imds_port: 1338,
            public_images: false,
            other_regions: vec![],
            instance_prices: Default::default(),
        };
        Ec2::open(store, Arc::new(compute::ProcessDriver::new()), config, Arc::new(|| 1.7e9), Arc::new(NoCredentials))
            .unwrap()
    }

    fn instance(n: usize, reservation: &str, state: InstanceState) -> InstanceRec {
        InstanceRec {
            instance_id: format!("i-{:017x}", 0xabc000 + (n * 7919) % 1000),
            reservation_id: reservation.into(),
            launch_index: (n % 3) as i64,
            image_id: "ami-0123456789abcdef0".into(),
            instance_type: "t3.micro".into(),
            state,
            desired: Desired::Running,
            state_reason: (state == InstanceState::Terminated)
                .then(|| ("Client.X".into(), "Client.X: <why> & \"how\"".into())),
            state_transition_reason: String::new(),
            launch_time: 1.7e9 - 100.0 + (n / 3) as f64,
            subnet_id: "subnet-0123456789abcdef0".into(),
            vpc_id: "vpc-0123456789abcdef0".into(),
            availability_zone: "ap-northeast-2a".into(),
            private_ip: format!("172.31.0.{}", 4 + n),
            loopback_ip: format!("127.31.0.{}", 4 + n),
            key_name: n.is_multiple_of(2).then(|| "kg".into()),
            security_groups: vec![("sg-0123456789abcdef0".into(), "default".into())],
            tags: vec![Tag { key: "Name".into(), value: format!("web-{n}") }],
            user_data: None,
            client_token: None,
            iam_instance_profile: None,
            shutdown_behavior: "stop".into(),
            boot: BootSpec { command: vec!["sleep".into()], health_port: None },
            handle: None,
            booted_once: false,
            terminated_at: (state == InstanceState::Terminated).then_some(1.7e9 - 10.0),
            health: Health::default(),
            run_periods: vec![],
            primary_interface: None,
            cpu_credits: None,
            spot_request: None,
            public_ip: None,
            disable_api_termination: false,
            source_dest_check: None,
            ebs_optimized: false,
        }
    }

    /// The XML written from kept fragments is byte for byte what encoding the value gives.
    fn same_answer(ec2: &Ec2, input: Value) -> String {
        let model = wire::model::load_embedded("ec2");
        let op = &model.operations["DescribeInstances"];
        let from_value = describe_instances(ec2, &input).unwrap();
        let expected = wire::protocol::xml::ec2_response(model, "DescribeInstances", op, &from_value, "rid");
        let fragment = describe_instances_xml(ec2, &input).unwrap();
        let got = wire::protocol::xml::fragment_response(model, "DescribeInstances", op, fragment, "rid");
        // The envelope is written into room kept at the front: whitespace between elements.
        let (head, tail) = got.split_once("</requestId>").unwrap();
        let got = format!("{head}</requestId>{}", tail.trim_start());
        assert_eq!(got, expected, "input {input}");
        got
    }

    #[test]
    fn run_history_gives_each_instance_its_billed_periods() {
        let t = tempfile::tempdir().unwrap();
        let ec2 = region(t.path());
        let mut restarted = instance(0, "r-1", InstanceState::Running);
        restarted.run_periods = vec![(1.0e9, None)];
        restarted.end_run(1.0e9 + 60.0);
        restarted.end_run(1.0e9 + 90.0); // already closed: unchanged
        restarted.run_periods.push((1.0e9 + 120.0, None));
        // Records from before periods were kept: launch to termination, nothing while stopped.
        let legacy = instance(1, "r-1", InstanceState::Terminated);
        let legacy_stopped = instance(2, "r-1", InstanceState::Stopped);
        ec2.write(|tx| {
            for rec in [&restarted, &legacy, &legacy_stopped] {
                tx.put(kind::INSTANCE, &rec.instance_id, rec)?;
            }
            Ok(())
        })
        .unwrap();
        let history = ec2.run_history();
        let periods = |id: &str| history.iter().find(|i| i.instance_id == id).unwrap().periods.clone();
        assert_eq!(periods(&restarted.instance_id), vec![(1.0e9, Some(1.0e9 + 60.0)), (1.0e9 + 120.0, None)]);
        assert_eq!(periods(&legacy.instance_id), vec![(legacy.launch_time, legacy.terminated_at)]);
        assert_eq!(periods(&legacy_stopped.instance_id), vec![]);
        assert_eq!(history.iter().find(|i| i.instance_id == restarted.instance_id).unwrap().instance_type, "t3.micro");
    }

    #[test]
    fn describe_from_the_roster_matches_the_encoded_value_and_follows_writes() {
        let t = tempfile::tempdir().unwrap();
        let ec2 = region(t.path());
        let states =
            [InstanceState::Running, InstanceState::Pending, InstanceState::Terminated, InstanceState::Stopped];
        ec2.write(|tx| {
            for n in 0..12 {
                let rec = instance(n, &format!("r-{:017x}", n / 2), states[n % 4]);
                tx.put(kind::INSTANCE, &rec.instance_id, &rec)?;
            }
            Ok(())
        })
        .unwrap();
        let all = same_answer(&ec2, json!({}));
        assert_eq!(all.matches("<instanceId>").count(), 12);
        assert!(all.contains("Client.X: &lt;why&gt; &amp; &quot;how&quot;"));
        let first = instance(0, "", InstanceState::Running).instance_id;
        same_answer(&ec2, json!({"InstanceIds": [first]}));
        same_answer(&ec2, json!({"Filters": [{"Name": "instance-state-name", "Values": ["running", "stopped"]}]}));
        same_answer(&ec2, json!({"Filters": [{"Name": "reservation-id", "Values": ["r-*2"]}]}));
        let page = same_answer(&ec2, json!({"MaxResults": 5}));
        assert!(page.contains("<nextToken>"));
        assert!(same_answer(&ec2, json!({"MaxResults": 5, "NextToken": "NQ"})).contains("<instanceId>"));

        // A write (a tag) shows at once, and only that instance is rendered again.
        let before = ec2.roster.view(&ec2).unwrap();
        crate::ops::tags::create_tags(
            &ec2,
            &json!({"Resources": [first], "Tags": [{"Key": "Team", "Value": "kg"}]}),
            false,
        )
        .unwrap();
        let after = ec2.roster.view(&ec2).unwrap();
        let tagged = same_answer(&ec2, json!({"Filters": [{"Name": "tag:Team", "Values": ["kg"]}]}));
        assert_eq!(tagged.matches("<instanceId>").count(), 1);
        let reused = after.entries.iter().filter(|e| before.entries.iter().any(|b| Arc::ptr_eq(b, e))).count();
        assert_eq!(reused, 11);
        assert!(Arc::ptr_eq(&after, &ec2.roster.view(&ec2).unwrap()), "no write, same view");
    }
}
