//! DescribeInstanceTypes and DescribeInstanceTypeOfferings for the types the region serves
//! (`instances::INSTANCE_TYPES`), with AWS's published figures for each: one row per type.

use serde_json::{json, Value};

use super::{str_of, strings};
use crate::error::{Ec2Error, Result};
use crate::{filter, Ec2};

/// AWS's figures for one instance type, as DescribeInstanceTypes reports them.
pub(crate) struct TypeInfo {
    pub name: &'static str,
    pub vcpus: u32,
    pub cores: u32,
    pub threads_per_core: u32,
    pub memory_mib: u64,
    /// `SupportedArchitectures`: the small T2 types and M1 also run 32-bit images.
    pub i386: bool,
    /// `SustainedClockSpeedInGhz` (AWS reports none for M1).
    pub clock_ghz: Option<f64>,
    pub network_performance: &'static str,
    pub max_enis: u32,
    pub ipv4_per_eni: u32,
    /// Nitro (T3, M5, C5) or Xen (T2, M1).
    pub nitro: bool,
    pub current_generation: bool,
    pub burstable: bool,
    pub free_tier: bool,
    /// `(cores, threads per core)` a CPU option may choose; none for burstable and M1 types.
    pub valid_cores: &'static [u32],
    /// Instance store (GB, one HDD): only M1 has one.
    pub instance_store_gb: Option<u32>,
}

const fn t(
    name: &'static str,
    (vcpus, cores, threads_per_core): (u32, u32, u32),
    memory_mib: u64,
    clock_ghz: f64,
    network_performance: &'static str,
    (max_enis, ipv4_per_eni): (u32, u32),
) -> TypeInfo {
    TypeInfo {
        name,
        vcpus,
        cores,
        threads_per_core,
        memory_mib,
        i386: false,
        clock_ghz: Some(clock_ghz),
        network_performance,
        max_enis,
        ipv4_per_eni,
        nitro: true,
        current_generation: true,
        burstable: false,
        free_tier: false,
        valid_cores: &[],
        instance_store_gb: None,
    }
}

const fn t2(name: &'static str, vcpus: u32, memory_mib: u64, clock: f64, enis: (u32, u32), i386: bool) -> TypeInfo {
    let mut i = t(name, (vcpus, vcpus, 1), memory_mib, clock, "Low to Moderate", enis);
    i.nitro = false;
    i.burstable = true;
    i.i386 = i386;
    i
}

const fn t3(name: &'static str, memory_mib: u64, enis: (u32, u32)) -> TypeInfo {
    let mut i = t(name, (2, 1, 2), memory_mib, 2.5, "Up to 5 Gigabit", enis);
    i.burstable = true;
    i
}

const fn nitro(
    name: &'static str,
    shape: (u32, u32, u32),
    memory_mib: u64,
    clock: f64,
    enis: (u32, u32),
    valid_cores: &'static [u32],
) -> TypeInfo {
    let mut i = t(name, shape, memory_mib, clock, "Up to 10 Gigabit", enis);
    i.valid_cores = valid_cores;
    i
}

/// AWS's figures for the region's instance types (the EC2 instance type specifications).
pub(crate) const TYPES: &[TypeInfo] = &[
    TypeInfo {
        name: "m1.small",
        vcpus: 1,
        cores: 1,
        threads_per_core: 1,
        memory_mib: 1740,
        i386: true,
        clock_ghz: None,
        network_performance: "Low",
        max_enis: 2,
        ipv4_per_eni: 4,
        nitro: false,
        current_generation: false,
        burstable: false,
        free_tier: false,
        valid_cores: &[],
        instance_store_gb: Some(160),
    },
    t2("t2.nano", 1, 512, 2.4, (2, 2), true),
    {
        let mut i = t2("t2.micro", 1, 1024, 2.5, (2, 2), true);
        i.free_tier = true;
        i
    },
    t2("t2.small", 1, 2048, 2.5, (3, 4), true),
    t2("t2.medium", 2, 4096, 2.3, (3, 6), true),
    t2("t2.large", 2, 8192, 2.3, (3, 12), false),
    t3("t3.nano", 512, (2, 2)),
    t3("t3.micro", 1024, (2, 2)),
    t3("t3.small", 2048, (3, 4)),
    t3("t3.medium", 4096, (3, 6)),
    t3("t3.large", 8192, (3, 12)),
    nitro("m5.large", (2, 1, 2), 8192, 3.1, (3, 10), &[1]),
    nitro("m5.xlarge", (4, 2, 2), 16384, 3.1, (4, 15), &[2]),
    nitro("c5.large", (2, 1, 2), 4096, 3.4, (3, 10), &[1]),
    nitro("c5.xlarge", (4, 2, 2), 8192, 3.4, (4, 15), &[2]),
];

pub(crate) fn info(name: &str) -> Option<&'static TypeInfo> {
    TYPES.iter().find(|i| i.name == name)
}

impl TypeInfo {
    /// The `InstanceTypeInfo` shape.
    pub fn render(&self) -> Value {
        let mut vcpu = json!({
            "DefaultVCpus": self.vcpus,
            "DefaultCores": self.cores,
            "DefaultThreadsPerCore": self.threads_per_core,
        });
        if !self.valid_cores.is_empty() {
            vcpu["ValidCores"] = json!(self.valid_cores);
            vcpu["ValidThreadsPerCore"] = json!([1, 2]);
        }
        let mut processor = json!({
            "SupportedArchitectures": if self.i386 { json!(["i386", "x86_64"]) } else { json!(["x86_64"]) },
            "Manufacturer": "Intel",
        });
        if let Some(ghz) = self.clock_ghz {
            processor["SustainedClockSpeedInGhz"] = json!(ghz);
        }
        let (ebs, ena, ipv6) = if self.nitro {
            (
                json!({"EbsOptimizedSupport": "default", "EncryptionSupport": "supported", "NvmeSupport": "required"}),
                "required",
                self.ipv4_per_eni,
            )
        } else {
            (
                json!({"EbsOptimizedSupport": "unsupported", "EncryptionSupport": "supported", "NvmeSupport": "unsupported"}),
                "unsupported",
                if self.current_generation { self.ipv4_per_eni } else { 0 },
            )
        };
        let mut v = json!({
            "InstanceType": self.name,
            "CurrentGeneration": self.current_generation,
            "FreeTierEligible": self.free_tier,
            "SupportedUsageClasses": ["on-demand", "spot"],
            "SupportedRootDeviceTypes": if self.instance_store_gb.is_some() { json!(["ebs", "instance-store"]) } else { json!(["ebs"]) },
            "SupportedVirtualizationTypes": if self.current_generation { json!(["hvm"]) } else { json!(["hvm", "paravirtual"]) },
            "BareMetal": false,
            "Hypervisor": if self.nitro { "nitro" } else { "xen" },
            "ProcessorInfo": processor,
            "VCpuInfo": vcpu,
            "MemoryInfo": {"SizeInMiB": self.memory_mib},
            "InstanceStorageSupported": self.instance_store_gb.is_some(),
            "EbsInfo": ebs,
            "NetworkInfo": {
                "NetworkPerformance": self.network_performance,
                "MaximumNetworkInterfaces": self.max_enis,
                "MaximumNetworkCards": 1,
                "DefaultNetworkCardIndex": 0,
                "NetworkCards": [{"NetworkCardIndex": 0, "NetworkPerformance": self.network_performance, "MaximumNetworkInterfaces": self.max_enis}],
                "Ipv4AddressesPerInterface": self.ipv4_per_eni,
                "Ipv6AddressesPerInterface": ipv6,
                "Ipv6Supported": ipv6 > 0,
                "EnaSupport": ena,
                "EfaSupported": false,
                "EncryptionInTransitSupported": false,
            },
            "PlacementGroupInfo": {"SupportedStrategies": if self.burstable || !self.current_generation { json!(["partition", "spread"]) } else { json!(["cluster", "partition", "spread"]) }},
            "HibernationSupported": self.current_generation,
            "BurstablePerformanceSupported": self.burstable,
            "DedicatedHostsSupported": self.nitro,
            "AutoRecoverySupported": self.current_generation,
            "SupportedBootModes": if self.nitro { json!(["legacy-bios", "uefi"]) } else { json!(["legacy-bios"]) },
        });
        if let Some(gb) = self.instance_store_gb {
            v["InstanceStorageInfo"] = json!({"TotalSizeInGB": gb, "Disks": [{"SizeInGB": gb, "Count": 1, "Type": "hdd"}], "NvmeSupport": "unsupported"});
        }
        v
    }
}

const TYPE_FILTERS: &[(&str, &str)] = &[
    ("instance-type", "InstanceType"),
    ("current-generation", "CurrentGeneration"),
    ("free-tier-eligible", "FreeTierEligible"),
    ("bare-metal", "BareMetal"),
    ("burstable-performance-supported", "BurstablePerformanceSupported"),
    ("hibernation-supported", "HibernationSupported"),
    ("dedicated-hosts-supported", "DedicatedHostsSupported"),
    ("auto-recovery-supported", "AutoRecoverySupported"),
    ("hypervisor", "Hypervisor"),
    ("instance-storage-supported", "InstanceStorageSupported"),
    ("instance-storage-info.total-size-in-gb", "InstanceStorageInfo.TotalSizeInGB"),
    ("supported-usage-class", "SupportedUsageClasses"),
    ("supported-root-device-type", "SupportedRootDeviceTypes"),
    ("supported-virtualization-type", "SupportedVirtualizationTypes"),
    ("supported-boot-mode", "SupportedBootModes"),
    ("processor-info.supported-architecture", "ProcessorInfo.SupportedArchitectures"),
    ("processor-info.sustained-clock-speed-in-ghz", "ProcessorInfo.SustainedClockSpeedInGhz"),
    ("processor-info.manufacturer", "ProcessorInfo.Manufacturer"),
    ("vcpu-info.default-vcpus", "VCpuInfo.DefaultVCpus"),
    ("vcpu-info.default-cores", "VCpuInfo.DefaultCores"),
    ("vcpu-info.default-threads-per-core", "VCpuInfo.DefaultThreadsPerCore"),
    ("vcpu-info.valid-cores", "VCpuInfo.ValidCores"),
    ("vcpu-info.valid-threads-per-core", "VCpuInfo.ValidThreadsPerCore"),
    ("memory-info.size-in-mib", "MemoryInfo.SizeInMiB"),
    ("ebs-info.ebs-optimized-support", "EbsInfo.EbsOptimizedSupport"),
    ("ebs-info.encryption-support", "EbsInfo.EncryptionSupport"),
    ("ebs-info.nvme-support", "EbsInfo.NvmeSupport"),
    ("network-info.network-performance", "NetworkInfo.NetworkPerformance"),
    ("network-info.maximum-network-interfaces", "NetworkInfo.MaximumNetworkInterfaces"),
    ("network-info.maximum-network-cards", "NetworkInfo.MaximumNetworkCards"),
    ("network-info.ipv4-addresses-per-interface", "NetworkInfo.Ipv4AddressesPerInterface"),
    ("network-info.ipv6-addresses-per-interface", "NetworkInfo.Ipv6AddressesPerInterface"),
    ("network-info.ipv6-supported", "NetworkInfo.Ipv6Supported"),
    ("network-info.ena-support", "NetworkInfo.EnaSupport"),
    ("network-info.efa-supported", "NetworkInfo.EfaSupported"),
    ("network-info.encryption-in-transit-supported", "NetworkInfo.EncryptionInTransitSupported"),
    ("placement-group-info.supported-strategies", "PlacementGroupInfo.SupportedStrategies"),
];

/// The types a DescribeInstanceTypes asks for, filtered, in the table's order.
pub(crate) fn select_types(input: &Value) -> Result<Vec<Value>> {
    let wanted = strings(input, "InstanceTypes");
    let unknown: Vec<&str> = wanted.iter().map(String::as_str).filter(|w| info(w).is_none()).collect();
    if !unknown.is_empty() {
        return Err(Ec2Error::Client(
            "InvalidInstanceType",
            format!("The following supplied instance types do not exist: [{}]", unknown.join(", ")),
        ));
    }
    let filters = filter::from_input(input);
    let mut out = Vec::new();
    for i in TYPES {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == i.name) {
            continue;
        }
        let v = i.render();
        if filter::matches(&v, &filters, TYPE_FILTERS)? {
            out.push(v);
        }
    }
    Ok(out)
}

pub fn describe_instance_types(_ec2: &Ec2, input: &Value) -> Result<Value> {
    check_max_results(input, 5, 100)?;
    super::page(select_types(input)?, input, "InstanceTypes")
}

fn check_max_results(input: &Value, lo: i64, hi: i64) -> Result<()> {
    match input.get("MaxResults").and_then(Value::as_i64) {
        Some(m) if m < lo || m > hi => Err(Ec2Error::InvalidParameterValue(format!(
            "Value ( {m} ) for parameter maxResults is invalid. Parameter must be between {lo} and {hi}."
        ))),
        _ => Ok(()),
    }
}

/// The offerings of every type at each location of a location type: the region, its zones, or
/// its zone ids.
pub(crate) fn offerings(region: &str, location_type: &str) -> Result<Vec<Value>> {
    let locations: Vec<String> = match location_type {
        "region" => vec![region.to_string()],
        "availability-zone" => crate::zones(region),
        "availability-zone-id" => crate::zones(region).iter().map(|z| crate::zone_id(region, z)).collect(),
        other => {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Value ({other}) for parameter locationType is invalid. Valid values: region, availability-zone, availability-zone-id."
            )))
        }
    };
    let mut out = Vec::new();
    for i in TYPES {
        for l in &locations {
            out.push(json!({"InstanceType": i.name, "LocationType": location_type, "Location": l}));
        }
    }
    Ok(out)
}

pub fn describe_instance_type_offerings(ec2: &Ec2, input: &Value) -> Result<Value> {
    check_max_results(input, 5, 1000)?;
    let location_type = str_of(input, "LocationType").unwrap_or("region");
    let filters = filter::from_input(input);
    let paths = [("location", "Location"), ("instance-type", "InstanceType")];
    let mut out = Vec::new();
    for o in offerings(&ec2.config.region, location_type)? {
        if filter::matches(&o, &filters, &paths)? {
            out.push(o);
        }
    }
    super::page(out, input, "InstanceTypeOfferings")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_served_type_has_figures_that_agree() {
        for (name, vcpus, mem) in super::super::instances::INSTANCE_TYPES {
            let i = info(name).unwrap_or_else(|| panic!("{name} has no figures"));
            assert_eq!(i.vcpus as f64, *vcpus, "{name}");
            assert_eq!(i.memory_mib, *mem, "{name}");
            assert_eq!(i.cores * i.threads_per_core, i.vcpus, "{name}");
        }
        assert_eq!(TYPES.len(), super::super::instances::INSTANCE_TYPES.len());
    }

    #[test]
    fn filters_select_by_figures() {
        let f = |name: &str, values: &[&str]| json!({"Name": name, "Values": values});
        let names = |input: Value| -> Vec<String> {
            select_types(&input).unwrap().iter().map(|v| v["InstanceType"].as_str().unwrap().to_string()).collect()
        };
        assert_eq!(names(json!({"Filters": [f("vcpu-info.default-vcpus", &["4"])]})), vec!["m5.xlarge", "c5.xlarge"]);
        assert_eq!(names(json!({"Filters": [f("current-generation", &["false"])]})), vec!["m1.small"]);
        assert_eq!(
            names(json!({"Filters": [f("memory-info.size-in-mib", &["512"]), f("hypervisor", &["nitro"])]})),
            vec!["t3.nano"]
        );
        assert_eq!(names(json!({"Filters": [f("processor-info.supported-architecture", &["i386"])]})).len(), 5);
        assert_eq!(names(json!({"Filters": [f("burstable-performance-supported", &["true"])]})).len(), 10);
        assert_eq!(names(json!({"Filters": [f("instance-type", &["c5.*"])]})), vec!["c5.large", "c5.xlarge"]);
        assert_eq!(names(json!({"InstanceTypes": ["t3.micro", "m1.small"]})), vec!["m1.small", "t3.micro"]);
        assert!(select_types(&json!({"Filters": [f("no-such-filter", &["x"])]})).is_err());
    }

    #[test]
    fn unknown_types_are_named_in_the_error() {
        match select_types(&json!({"InstanceTypes": ["t2.micro", "z9.huge"]})) {
            Err(Ec2Error::Client(code, msg)) => {
                assert_eq!(code, "InvalidInstanceType");
                assert_eq!(msg, "The following supplied instance types do not exist: [z9.huge]");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn offerings_cover_each_location_and_page() {
        assert_eq!(offerings("us-east-1", "region").unwrap().len(), TYPES.len());
        let zones = offerings("us-east-1", "availability-zone-id").unwrap();
        assert_eq!(zones.len(), TYPES.len() * 4);
        assert_eq!(zones[0]["Location"], "use1-az1");
        assert!(offerings("us-east-1", "planet").is_err());
        let types = select_types(&json!({})).unwrap();
        let first = super::super::page(types.clone(), &json!({"MaxResults": 5}), "InstanceTypes").unwrap();
        assert_eq!(first["InstanceTypes"].as_array().unwrap().len(), 5);
        let token = first["NextToken"].as_str().unwrap();
        let rest = super::super::page(types, &json!({"MaxResults": 100, "NextToken": token}), "InstanceTypes").unwrap();
        assert_eq!(rest["InstanceTypes"].as_array().unwrap().len(), TYPES.len() - 5);
        assert!(rest.get("NextToken").is_none());
    }
}
