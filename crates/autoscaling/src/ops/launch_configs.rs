//! Launch configurations (the older launch source; launch templates are preferred).

use api::ec2::DescribeImagesRequest;
use serde_json::{json, Value};

use super::{ec2, page, required, str_of, strings};
use crate::error::{AsgError, Result};
use crate::records::{kind, GroupRec, LaunchConfigRec};
use crate::AutoScaling;

pub(crate) async fn create(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "LaunchConfigurationName")?;
    let image = str_of(input, "ImageId")
        .ok_or_else(|| AsgError::validation("ImageId is required (creating from an InstanceId is not supported)"))?;
    let instance_type =
        str_of(input, "InstanceType").ok_or_else(|| AsgError::validation("InstanceType is required"))?;
    if asg.read(|tx| Ok(tx.exists(kind::LAUNCH_CONFIG, name)?))? {
        return Err(AsgError::Client(
            "AlreadyExists",
            format!("Launch Configuration by this name already exists - A launch configuration already exists with the name {name}"),
        ));
    }
    ec2(asg)
        .describe_images(DescribeImagesRequest { image_ids: Some(vec![image.to_string()]), ..Default::default() })
        .await
        .map_err(|_| AsgError::validation(format!("The image id '[{image}]' does not exist")))?;
    let rec = LaunchConfigRec {
        name: name.into(),
        arn: asg.arn(&format!("launchConfiguration:{}:launchConfigurationName/{name}", super::new_id())),
        image_id: image.into(),
        instance_type: instance_type.into(),
        key_name: str_of(input, "KeyName").map(String::from),
        security_groups: strings(input, "SecurityGroups"),
        user_data: str_of(input, "UserData").map(String::from),
        iam_instance_profile: str_of(input, "IamInstanceProfile").map(String::from),
        created: asg.now(),
    };
    asg.write(|tx| {
        if tx.exists(kind::LAUNCH_CONFIG, name)? {
            return Err(AsgError::Client(
                "AlreadyExists",
                format!("A launch configuration already exists with the name {name}"),
            ));
        }
        tx.put(kind::LAUNCH_CONFIG, name, &rec)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) fn describe(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let names = strings(input, "LaunchConfigurationNames");
    let all = asg.read(|tx| Ok(tx.list::<LaunchConfigRec>(kind::LAUNCH_CONFIG, "")?))?;
    let items = all
        .into_iter()
        .map(|(_, l)| l)
        .filter(|l| names.is_empty() || names.contains(&l.name))
        .map(|l| l.render())
        .collect();
    page(items, input, "LaunchConfigurations", 50)
}

pub(crate) fn delete(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "LaunchConfigurationName")?;
    asg.write(|tx| {
        if tx.list::<GroupRec>(kind::GROUP, "")?.iter().any(|(_, g)| g.launch_configuration.as_deref() == Some(name)) {
            return Err(AsgError::Client(
                "ResourceInUse",
                format!("Cannot delete launch configuration {name} because it is attached to AutoScalingGroup"),
            ));
        }
        if !tx.delete(kind::LAUNCH_CONFIG, name)? {
            return Err(AsgError::validation(format!(
                "Launch configuration name not found - Launch configuration {name} not found"
            )));
        }
        Ok(())
    })?;
    Ok(json!({}))
}
