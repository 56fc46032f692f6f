//! Emulator mode's catalogue of well-known public images: the ids and names test suites
//! written for AWS, moto or LocalStack launch (Amazon Linux, Ubuntu, moto's example ids), owned
//! by Amazon (`137112412989`, alias `amazon`), Canonical (`099720109477`) or Amazon's Windows
//! account (`801119661308`), and the SSM public parameters (`/aws/service/…`) that name them.
//! Every one launches the same small stand-in that really runs: `homeground stand-in`, an HTTP
//! server on the instance's port 80 saying which image and instance it is.

use crate::error::Result;
use crate::records::{kind, BootSpec, ImageRec, ImageState};
use crate::Ec2;

/// One public image of the catalogue.
pub struct PublicImage {
    pub image_id: &'static str,
    pub name: &'static str,
    pub owner_id: &'static str,
    pub owner_alias: Option<&'static str>,
    pub description: &'static str,
    /// The SSM public parameters whose value is this image's id.
    pub aliases: &'static [&'static str],
}

const AMAZON: &str = "137112412989";
const CANONICAL: &str = "099720109477";
const AMAZON_WINDOWS: &str = "801119661308";

pub const CATALOGUE: &[PublicImage] = &[
    PublicImage {
        image_id: "ami-0a1e6c8ff4d9c3e27",
        name: "al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64",
        owner_id: AMAZON,
        owner_alias: Some("amazon"),
        description: "Amazon Linux 2023 AMI 2023.6.20241212.0 x86_64 HVM kernel-6.1",
        aliases: &[
            "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
            "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64",
            "/aws/service/ami-amazon-linux-latest/al2023-ami-minimal-kernel-default-x86_64",
        ],
    },
    PublicImage {
        image_id: "ami-0c5e9d8b6f27a4d13",
        name: "amzn2-ami-kernel-5.10-hvm-2.0.20241113.1-x86_64-gp2",
        owner_id: AMAZON,
        owner_alias: Some("amazon"),
        description: "Amazon Linux 2 Kernel 5.10 AMI 2.0.20241113.1 x86_64 HVM gp2",
        aliases: &[
            "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2",
            "/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-x86_64-gp2",
        ],
    },
    PublicImage {
        image_id: "ami-760aaa0f",
        name: "amzn-ami-hvm-2017.09.1.20171103-x86_64-gp2",
        owner_id: AMAZON,
        owner_alias: Some("amazon"),
        description: "Amazon Linux AMI 2017.09.1.20171103 x86_64 HVM GP2",
        aliases: &["/aws/service/ami-amazon-linux-latest/amzn-ami-hvm-x86_64-gp2"],
    },
    PublicImage {
        image_id: "ami-0d3f5b2e9a8c71e46",
        name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241206",
        owner_id: CANONICAL,
        owner_alias: None,
        description: "Canonical, Ubuntu, 24.04, amd64 noble image",
        aliases: &[
            "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
            "/aws/service/canonical/ubuntu/server/noble/stable/current/amd64/hvm/ebs-gp3/ami-id",
        ],
    },
    PublicImage {
        image_id: "ami-0e8b1c7f3a2d65b90",
        name: "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20241206",
        owner_id: CANONICAL,
        owner_alias: None,
        description: "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image",
        aliases: &[
            "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
            "/aws/service/canonical/ubuntu/server/jammy/stable/current/amd64/hvm/ebs-gp2/ami-id",
        ],
    },
    PublicImage {
        image_id: "ami-0b7a3e5d19c4f8a62",
        name: "ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-20241112",
        owner_id: CANONICAL,
        owner_alias: None,
        description: "Canonical, Ubuntu, 20.04 LTS, amd64 focal image",
        aliases: &[
            "/aws/service/canonical/ubuntu/server/20.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
            "/aws/service/canonical/ubuntu/server/focal/stable/current/amd64/hvm/ebs-gp2/ami-id",
        ],
    },
    PublicImage {
        image_id: "ami-785db401",
        name: "ubuntu/images/hvm-ssd/ubuntu-xenial-16.04-amd64-server-20170721",
        owner_id: CANONICAL,
        owner_alias: None,
        description: "Canonical, Ubuntu, 16.04 LTS, amd64 xenial image build on 2017-07-21",
        aliases: &[],
    },
    // moto's example image ids (its tests' EXAMPLE_AMI_ID and EXAMPLE_AMI_ID2).
    PublicImage {
        image_id: "ami-12c6146b",
        name: "Windows_Server-2008-R2_SP1-English-64Bit-Base-2017.10.13",
        owner_id: AMAZON_WINDOWS,
        owner_alias: Some("amazon"),
        description:
            "Microsoft Windows Server 2008 R2 SP1 Datacenter 64-bit Locale English Base AMI provided by Amazon",
        aliases: &[],
    },
    PublicImage {
        image_id: "ami-03cf127a",
        name: "Windows_Server-2016-English-Nano-Base-2017.10.13",
        owner_id: AMAZON_WINDOWS,
        owner_alias: Some("amazon"),
        description: "Microsoft Windows Server 2016 Nano Locale English AMI provided by Amazon",
        aliases: &[],
    },
];

/// The catalogue image an SSM public parameter names.
pub fn image_for_alias(parameter: &str) -> Option<&'static PublicImage> {
    CATALOGUE.iter().find(|i| i.aliases.contains(&parameter))
}

/// Emulator mode: put the catalogue's images in the region (at start, and again after a reset),
/// all on one root filesystem snapshot. Their boot entry runs this daemon's `stand-in`. Outside
/// emulator mode, a data dir that was once run in it loses them.
pub(crate) fn ensure(ec2: &Ec2) -> Result<()> {
    if !ec2.config.public_images {
        let held = ec2.read(|tx| Ok(!records(tx)?.0.is_empty()))?;
        return match held {
            false => Ok(()),
            true => ec2.write(|tx| {
                for p in CATALOGUE {
                    tx.delete(kind::IMAGE, p.image_id)?;
                }
                Ok(())
            }),
        };
    }
    let stand_in = ec2.config.dir.join("bin").join("stand-in");
    let boot = |name: &str| BootSpec {
        command: vec![
            stand_in.display().to_string(),
            "--listen".into(),
            "{private_ip}:80".into(),
            "--image".into(),
            name.into(),
            "--instance-id".into(),
            "{instance_id}".into(),
        ],
        health_port: Some(80),
    };
    let existing: Vec<(String, ImageRec)> =
        ec2.read(|tx| Ok(tx.list::<ImageRec>(kind::IMAGE, "")?))?.into_iter().filter(|(id, _)| is_public(id)).collect();
    let up_to_date = existing.len() == CATALOGUE.len() && existing.iter().all(|(_, rec)| rec.boot == boot(&rec.name));
    if up_to_date {
        return Ok(());
    }
    let snapshot = match existing.iter().find_map(|(_, rec)| rec.root_snapshot_id.clone()) {
        Some(s) => s,
        None => {
            let rootfs = ec2.config.dir.join("public-images").join("rootfs");
            std::fs::create_dir_all(rootfs.join("etc"))
                .map_err(|e| crate::error::Ec2Error::Internal(format!("creating {}: {e}", rootfs.display())))?;
            std::fs::write(rootfs.join("etc").join("homeground-stand-in"), "a stand-in for a public image\n")
                .map_err(|e| crate::error::Ec2Error::Internal(format!("writing the stand-in's root: {e}")))?;
            let id = crate::rootvol::snapshot_root(
                ec2,
                &rootfs,
                "vol-ffffffff",
                "Root filesystem of the public images' stand-in".into(),
            )?;
            ec2.write(|tx| {
                if let Some(mut snap) = tx.get::<crate::storage::SnapshotRec>(crate::storage::kind::SNAPSHOT, &id)? {
                    snap.owner_id = AMAZON.into();
                    tx.put(crate::storage::kind::SNAPSHOT, &id, &snap)?;
                }
                Ok(())
            })?;
            id
        }
    };
    let created = wire::timestamp::format_iso8601(ec2.now());
    ec2.write(|tx| {
        for p in CATALOGUE {
            let rec = ImageRec {
                image_id: p.image_id.into(),
                name: p.name.into(),
                description: Some(p.description.into()),
                location: format!("{}/{}", p.owner_alias.unwrap_or(p.owner_id), p.name),
                owner_id: p.owner_id.into(),
                owner_alias: p.owner_alias.map(String::from),
                architecture: "x86_64".into(),
                creation_date: created.clone(),
                state: ImageState::Available,
                state_reason: None,
                boot: boot(p.name),
                source_instance_id: None,
                root_device_name: "/dev/xvda".into(),
                tags: vec![],
                root_snapshot_id: Some(snapshot.clone()),
                launch_permissions: vec![serde_json::json!({"Group": "all"})],
                source_image_id: None,
            };
            tx.put(kind::IMAGE, p.image_id, &rec)?;
        }
        Ok(())
    })
}

/// The catalogue's records as they are (its images and their root snapshot), which a reset
/// puts back rather than makes again.
pub(crate) type Kept = (Vec<(String, ImageRec)>, Vec<(String, crate::storage::SnapshotRec)>);

pub(crate) fn records(tx: &store::Tx) -> Result<Kept> {
    let images: Vec<(String, ImageRec)> =
        tx.list::<ImageRec>(kind::IMAGE, "")?.into_iter().filter(|(id, _)| is_public(id)).collect();
    let mut snapshots = Vec::new();
    for id in images.iter().filter_map(|(_, i)| i.root_snapshot_id.as_deref()) {
        if snapshots.iter().any(|(s, _)| s == id) {
            continue;
        }
        if let Some(snap) = tx.get::<crate::storage::SnapshotRec>(crate::storage::kind::SNAPSHOT, id)? {
            snapshots.push((id.to_string(), snap));
        }
    }
    Ok((images, snapshots))
}

fn is_public(image_id: &str) -> bool {
    CATALOGUE.iter().any(|p| p.image_id == image_id)
}
