//! The generated types against the wire models they come from.

use serde_json::json;

#[test]
fn every_typed_operation_is_in_its_model() {
    let services: [(&str, &[&str]); 8] = [
        ("autoscaling", api::autoscaling::Operation::NAMES),
        ("sts", api::sts::Operation::NAMES),
        ("sns", api::sns::Operation::NAMES),
        ("ec2", api::ec2::Operation::NAMES),
        ("elbv2", api::elbv2::Operation::NAMES),
        ("elb", api::elb::Operation::NAMES),
        ("cloudwatch", api::cloudwatch::Operation::NAMES),
        ("sqs", api::sqs::Operation::NAMES),
    ];
    for (service, names) in services {
        let model = wire::model::load_embedded(service);
        for name in names {
            assert!(model.operations.contains_key(*name), "{service}: {name} is not in the model");
        }
    }
}

#[test]
fn a_call_parses_into_its_variant_and_back() {
    let op = api::sns::Operation::parse("Publish", json!({"TopicArn": "arn:aws:sns:us-east-1:1:t", "Message": "hi"}))
        .unwrap()
        .unwrap();
    assert_eq!(op.name(), "Publish");
    let api::sns::Operation::Publish(input) = op else { panic!("not Publish: {op:?}") };
    assert_eq!(input.message, "hi");
    assert_eq!(input.topic_arn.as_deref(), Some("arn:aws:sns:us-east-1:1:t"));
    assert_eq!(input.subject, None);
    // Written back, only the members that were set, under the model's names.
    assert_eq!(wire::typed::output(&input), json!({"Message": "hi", "TopicArn": "arn:aws:sns:us-east-1:1:t"}));
}

#[test]
fn an_operation_not_implemented_is_none_and_a_missing_member_is_a_validation_error() {
    assert!(api::sns::Operation::parse("CreatePlatformApplication", json!({})).unwrap().is_none());
    let e = api::sns::Operation::parse("Publish", json!({"TopicArn": "t"})).unwrap_err();
    assert_eq!(e.code, "ValidationError");
    assert!(e.message.contains("Message"), "{}", e.message);
}

#[test]
fn enums_keep_values_the_model_does_not_name() {
    use api::ec2::InstanceStateName;
    let s: InstanceStateName = serde_json::from_value(json!("running")).unwrap();
    assert_eq!(s, InstanceStateName::Running);
    let odd: InstanceStateName = serde_json::from_value(json!("hibernating")).unwrap();
    assert_eq!(odd, InstanceStateName::Unknown("hibernating".into()));
    assert_eq!(serde_json::to_value(&odd).unwrap(), json!("hibernating"));
    assert_eq!(InstanceStateName::ShuttingDown.to_string(), "shutting-down");
}

#[test]
fn outputs_of_the_services_read_as_typed_structs() {
    // DescribeInstances as the EC2 service answers it inside the region (timestamps as seconds).
    let out: api::ec2::DescribeInstancesResult = wire::typed::input(json!({
        "Reservations": [{"ReservationId": "r-1", "Instances": [{
            "InstanceId": "i-1", "InstanceType": "t3.micro", "LaunchTime": 1_795_856_039.0,
            "State": {"Code": 16, "Name": "running"}, "Placement": {"AvailabilityZone": "us-east-1a"}
        }]}]
    }))
    .unwrap();
    let i = &out.reservations.as_ref().unwrap()[0].instances.as_ref().unwrap()[0];
    assert_eq!(i.instance_type, Some(api::ec2::InstanceType::T3Micro));
    assert_eq!(i.state.as_ref().and_then(|s| s.name.clone()), Some(api::ec2::InstanceStateName::Running));
    assert_eq!(i.launch_time, Some(1_795_856_039.0));
}

#[test]
fn the_generated_types_are_those_the_generator_writes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = std::process::Command::new("python3")
        .arg(root.join("tools/gen_types.py"))
        .arg("--check")
        .current_dir(&root)
        .output()
        .expect("python3 runs tools/gen_types.py");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
