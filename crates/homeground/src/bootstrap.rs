//! Bring a region up: the data dir, the store and key file, the account and its root key,
//! the files the aws CLI and boto3 read, the services, and the API endpoint.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gateway::{audit::Audit, Gateway, Registry};
use iam::{IamService, Identity, IdentityConfig, StsService, SystemClock};
use store::{Sealer, Store};
use tokio::net::TcpListener;

use crate::UpArgs;

type Error = Box<dyn std::error::Error>;

pub async fn up(args: UpArgs) -> Result<(), Error> {
    // The largest service model (EC2's) is parsed on the other core while the stores open.
    let ec2_model = std::thread::spawn(|| {
        wire::model::load_embedded("ec2");
    });
    if args.account_id.is_some() && !args.accept_any_credentials {
        return Err("--account-id is for emulator mode only: it needs --accept-any-credentials (a real region's account id is drawn at random on first start)".into());
    }
    let others = other_regions(&args)?;
    let dir = prepare_dir(&args.data_dir)?;
    let store = Arc::new(Store::open(&dir.join("state.db")).map_err(|e| format!("opening the state store: {e}"))?);
    let sealer = Sealer::open_or_create(&dir.join("master.key")).map_err(|e| format!("opening the key file: {e}"))?;
    if args.accept_any_credentials {
        tracing::warn!("EMULATOR MODE: --accept-any-credentials is on. ANY well-formed signature is accepted as the account root. Do not run anything real on this region.");
        eprintln!("homeground: WARNING: --accept-any-credentials: every signed request acts as the account root!");
    }
    let config = IdentityConfig {
        region: args.region.clone(),
        session_duration_cap: args.sts_duration_cap,
        accept_any_credentials: args.accept_any_credentials,
        account_id: args.account_id.clone(),
    };
    let identity = Arc::new(
        Identity::open(store.clone(), sealer, config, Arc::new(SystemClock))
            .map_err(|e| format!("opening IAM: {e}"))?,
    );
    // IAM and STS are the account's, one for every region served.
    let iam_service = Arc::new(IamService::new(identity.clone()));
    let sts_service = Arc::new(StsService::new(identity.clone()));
    // Secrets, SSM values and console sessions are sealed with the home data dir's key.
    let sealer =
        Arc::new(Sealer::open_or_create(&dir.join("master.key")).map_err(|e| format!("opening the key file: {e}"))?);
    let driver: Arc<dyn compute::Driver> = Arc::new(compute::ProcessDriver::new());
    for note in driver.capabilities().notes {
        tracing::warn!("compute: {note}");
    }
    let _ = ec2_model.join();
    let served = std::iter::once(args.region.clone()).chain(others.iter().cloned()).collect();
    // The operator's prices are the account's: the data dir's, for every region.
    let prices = match fs::read_to_string(dir.join("ce").join("prices.json")) {
        Ok(text) => costexplorer::PriceList::with_overrides(&text).map_err(|e| format!("ce/prices.json: {e}"))?,
        Err(_) => costexplorer::PriceList::aws_default(),
    };
    let account = Account {
        args: &args,
        prices,
        regions: served,
        identity: &identity,
        iam: &iam_service,
        sts: &sts_service,
        driver,
        sealer,
    };

    let mut home = open_region(&account, &args.region, &dir, store.clone(), true)?;
    let mut regions = Vec::new();
    for name in &others {
        // Another region: a store and service dirs of its own under <data-dir>/regions/<name>.
        let rdir = prepare_dir(&dir.join("regions").join(name))?;
        let rstore =
            Arc::new(Store::open(&rdir.join("state.db")).map_err(|e| format!("opening {name}'s state store: {e}"))?);
        regions.push(open_region(&account, name, &rdir, rstore, false)?);
    }

    let listener = TcpListener::bind(args.listen).await.map_err(|e| format!("listening on {}: {e}", args.listen))?;
    let endpoint = format!("http://{}", listener.local_addr()?);
    home.set_endpoint(&endpoint, &endpoint)?;
    for r in &mut regions {
        // Links in SNS messages and wait-condition URLs of another region carry its name.
        let links = format!("{endpoint}{}", region_prefix(&r.name));
        r.set_endpoint(&endpoint, &links)?;
    }
    let root = identity.root_key().map_err(|e| format!("reading the root key: {e}"))?;
    write_client_files(&dir, &args.region, &endpoint, &root.access_key_id, &root.secret_access_key)?;

    let mut registry = std::mem::take(&mut home.registry);
    for (path, route) in std::mem::take(&mut home.public) {
        registry.register_public(&[path.as_str()], route);
    }
    let mut other_registries = HashMap::new();
    for r in &mut regions {
        let prefix = region_prefix(&r.name);
        for (path, route) in std::mem::take(&mut r.public) {
            let route = Arc::new(crate::links::UnderPrefix { prefix: prefix.clone(), route });
            registry.register_public(&[format!("{prefix}{path}").as_str()], route);
        }
        other_registries.insert(r.name.clone(), std::mem::take(&mut r.registry));
    }
    // The web console at /console: its actions are signed calls through this same gateway.
    let keep = console::session::Keep { store: store.clone(), sealer: account.sealer.clone() };
    registry.register_console(Arc::new(console::Console::kept(Arc::new(|| iam::Clock::now(&SystemClock)), keep)));
    let gateway = Arc::new(Gateway {
        registry,
        identity: identity.clone(),
        keys: sigv4::SigningKeyCache::new(),
        audit: Audit::open(&dir.join("audit.log"))?,
        region: args.region.clone(),
        regions: other_registries,
    });
    let addr = listener.local_addr()?;
    for r in std::iter::once(&home).chain(&regions) {
        r.ec2.set_api_door(Arc::new(crate::links::GatewayDoor { gateway: gateway.clone(), addr }));
    }

    let creds = dir.join("credentials");
    let conf = dir.join("config");
    println!(
        "homeground: region {} (zones {r}a-{r}d), account {}, API at {endpoint}",
        args.region,
        identity.account,
        r = args.region
    );
    for r in &regions {
        println!("homeground: also region {} (zones {n}a-{n}d), state in {}", r.name, r.dir.display(), n = r.name);
    }
    println!("Web console at {endpoint}/console");
    println!("Point the aws CLI and boto3 at it:");
    println!("  export AWS_SHARED_CREDENTIALS_FILE={}", creds.display());
    println!("  export AWS_CONFIG_FILE={}", conf.display());
    println!("  aws sts get-caller-identity");
    // Watch the signals before saying ready, so that a stop right after it is a clean one.
    let shutdown = shutdown_signal()?;
    let queues: Vec<Arc<sqs::Sqs>> = std::iter::once(&home).chain(&regions).map(|r| r.sqs.clone()).collect();
    let shutdown = async move {
        shutdown.await;
        for q in queues {
            q.close(); // long polls answer now rather than hold the graceful stop
        }
    };
    println!("homeground: ready");
    let _ = std::io::stdout().flush();

    gateway::serve(listener, gateway.clone(), shutdown).await;
    tracing::info!("stopped accepting requests; shutting down");
    drop(gateway);
    drop(regions);
    drop(home);
    Ok(())
}

/// The regions served besides `--region`, from `--regions` (its duplicates and `--region`
/// itself dropped), each checked to be a region name.
fn other_regions(args: &UpArgs) -> Result<Vec<String>, Error> {
    let mut out: Vec<String> = Vec::new();
    for name in args.regions.iter().flat_map(|r| r.split(',')).map(str::trim).filter(|r| !r.is_empty()) {
        if !is_region_name(name) {
            return Err(format!("--regions: '{name}' is not a region name (such as eu-west-1)").into());
        }
        if name != args.region && !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    Ok(out)
}

/// A region name as AWS spells them: lower-case words and a number, joined by dashes
/// (`eu-west-1`, `us-gov-east-1`, `ap-northeast-2`).
pub(crate) fn is_region_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('-').collect();
    parts.len() >= 3
        && parts[..parts.len() - 1].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts.last().is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Where another region's public links live on the endpoint.
fn region_prefix(region: &str) -> String {
    format!("/regions/{region}")
}

/// What every region of the account shares.
struct Account<'a> {
    args: &'a UpArgs,
    /// The operator's prices (`<data-dir>/ce/prices.json` over AWS's), for every region.
    prices: costexplorer::PriceList,
    /// Every region served, home first.
    regions: Vec<String>,
    identity: &'a Arc<Identity>,
    iam: &'a Arc<IamService>,
    sts: &'a Arc<StsService>,
    driver: Arc<dyn compute::Driver>,
    sealer: Arc<Sealer>,
}

/// One region's services, their controllers, and its unauthenticated routes.
struct Region {
    name: String,
    dir: PathBuf,
    registry: Registry,
    public: Vec<(String, Arc<dyn gateway::PublicRoute>)>,
    ec2: Arc<ec2::Ec2>,
    sns: Arc<sns::Sns>,
    sqs: Arc<sqs::Sqs>,
    cfn: Arc<cloudformation::CloudFormation>,
    /// Controllers, evaluators and workers: they run while this is held.
    _running: Vec<Box<dyn std::any::Any>>,
}

impl Region {
    /// `endpoint`: the API's URL; `links`: where this region's public routes are.
    fn set_endpoint(&self, endpoint: &str, links: &str) -> Result<(), Error> {
        self.sns.set_endpoint(links); // the links in SNS messages
        self.sqs.set_endpoint(endpoint); // queue URLs
        self.cfn.set_endpoint(links); // wait-condition handles' presigned URLs
        install_instance_tools(&self.dir.join("ec2").join("bin"), endpoint)
    }
}

/// Open one region's services over `store` and `dir` (the home region's are the data dir's
/// own; `home`: it also serves Prometheus when asked) and start their controllers.
fn open_region(acct: &Account, region: &str, dir: &Path, store: Arc<Store>, home: bool) -> Result<Region, Error> {
    let args = acct.args;
    let identity = acct.identity;
    let account = &identity.account;
    let mut registry = Registry::default();
    let mut public: Vec<(String, Arc<dyn gateway::PublicRoute>)> = Vec::new();
    let mut running: Vec<Box<dyn std::any::Any>> = Vec::new();
    registry.register(acct.iam.clone());
    registry.register(acct.sts.clone());

    let network = match args.network {
        crate::Network::Loopback => None,
        crate::Network::Isolated => {
            let fabric = vnet::Fabric::new(&vnet::tag_for(&dir.display().to_string()));
            match fabric.probe() {
                Ok(()) => {
                    tracing::info!(region, namespaces = %fabric.vpc_ns("…"), "networks isolate: a namespace per VPC and per instance, security groups enforced by nftables");
                    Some(Arc::new(fabric))
                }
                Err(why) => {
                    tracing::warn!(
                        region,
                        reason = %why,
                        "networks do NOT isolate: namespaces are not available here, so instances use loopback addresses and security groups are not enforced"
                    );
                    None
                }
            }
        }
    };
    let ec2_config = ec2::Ec2Config {
        network,
        region: region.to_string(),
        account: account.clone(),
        dir: dir.join("ec2"),
        imds_port: args.imds_port,
        public_images: args.accept_any_credentials,
        other_regions: acct.regions.iter().filter(|r| r.as_str() != region).cloned().collect(),
        instance_prices: acct.prices.instance_hour.clone(),
    };
    let clock: ec2::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let creds = Arc::new(crate::links::InstanceCredentials::new(identity.clone()));
    let ec2 = ec2::Ec2::open(store.clone(), acct.driver.clone(), ec2_config, clock, creds)
        .map_err(|e| format!("opening EC2 ({region}): {e}"))?;
    let ec2_service = Arc::new(ec2::Ec2Service::new(ec2.clone()));
    registry.register(ec2_service.clone());

    // --- Elastic Load Balancing (ELBv2): the API and the proxy data plane ---
    let elb_clock: elb::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let elb = elb::Elb::open(
        store.clone(),
        Arc::new(crate::links::Ec2Directory(ec2.clone())),
        Arc::new(crate::links::IamCertificates(identity.clone())),
        region.to_string(),
        account.clone(),
        elb_clock,
        elb::AccessLogs {
            root: if home { args.data_dir.join("elb-access-logs") } else { dir.join("elb-access-logs") },
            interval: std::time::Duration::from_secs(args.elb_access_log_interval.max(1)),
        },
    )
    .map_err(|e| format!("opening ELB ({region}): {e}"))?;
    let elb_service = Arc::new(elb::ElbService::new(elb.clone()));
    registry.register(elb_service.clone());
    let classic_elb_service = Arc::new(elb::ClassicElbService::new(elb.clone()));
    registry.register(classic_elb_service.clone());
    running.push(Box::new(elb.spawn_controller().map_err(|e| format!("starting the ELB controller ({region}): {e}"))?));
    // --- end Elastic Load Balancing ---

    // --- CloudWatch and SNS: metrics, alarms and their evaluator, notifications ---
    let smtp = args.smtp_host.clone().map(|host| sns::SmtpConfig {
        host,
        port: args.smtp_port,
        from: args.smtp_from.clone(),
        starttls: args.smtp_starttls,
        user: args.smtp_user.clone(),
        password: std::env::var("HOMEGROUND_SMTP_PASSWORD").ok(),
    });
    let sns_config = sns::SnsConfig {
        region: region.to_string(),
        account: account.clone(),
        smtp,
        https_ca_bundle: args.sns_ca_bundle.clone(),
    };
    let sns_clock: sns::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let sns = sns::Sns::open(store.clone(), &dir.join("sns"), sns_config, sns_clock)
        .map_err(|e| format!("opening SNS ({region}): {e}"))?;
    let sns_service = Arc::new(sns::SnsService::new(sns.clone()));
    registry.register(sns_service.clone());
    let sns_links: Arc<dyn gateway::PublicRoute> = Arc::new(crate::links::SnsLinks(sns.clone()));
    for path in ["/sns/confirm", "/sns/unsubscribe", "/sns/SimpleNotificationService.pem"] {
        public.push((path.to_string(), sns_links.clone()));
    }
    // SQS: durable queues; SNS delivers to them through `links::SqsQueues`.
    let sqs_clock: sqs::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let sqs = sqs::Sqs::open(
        store.clone(),
        sqs::SqsConfig { region: region.to_string(), account: account.clone() },
        sqs_clock,
    );
    let sqs_service = Arc::new(sqs::SqsService::new(sqs.clone()));
    registry.register(sqs_service.clone());
    sns.set_queue_sink(Arc::new(crate::links::SqsQueues(sqs.clone())));
    let cw_clock: cloudwatch::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let alarm_actions = Arc::new(crate::links::AlarmActions {
        sns: sns.clone(),
        autoscaling: std::sync::OnceLock::new(),
        ec2: api::ec2::Client::new(crate::links::local_transport(
            ec2_service.clone(),
            &crate::links::service_linked_context(
                account,
                region,
                "events.amazonaws.com",
                "AWSServiceRoleForCloudWatchEvents",
                "CloudWatchAlarms",
            ),
        )),
    });
    let cw = cloudwatch::CloudWatch::open(
        store.clone(),
        &dir.join("cloudwatch"),
        cloudwatch::CloudWatchConfig { region: region.to_string(), account: account.clone() },
        cw_clock,
        alarm_actions.clone(),
    )
    .map_err(|e| format!("opening CloudWatch ({region}): {e}"))?;
    let cw_service = Arc::new(cloudwatch::CloudWatchService::new(cw.clone()));
    if args.prometheus && home {
        tracing::warn!("--prometheus: every metric is served at GET /metrics without authentication");
        public.push(("/metrics".to_string(), Arc::new(crate::links::PrometheusRoute(cw.clone()))));
    }
    registry.register(cw_service.clone());
    // --- end CloudWatch and SNS ---

    // --- Secrets Manager and SSM Parameter Store: values sealed with the account's key ---
    let secrets_config = secrets::SecretsConfig { region: region.to_string(), account: account.clone() };
    let secrets_clock: secrets::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let secrets_manager = secrets::SecretsManager::open(
        store.clone(),
        acct.sealer.clone(),
        secrets_config.clone(),
        secrets_clock.clone(),
    );
    let secrets_manager_service = Arc::new(secrets::SecretsManagerService::new(secrets_manager));
    registry.register(secrets_manager_service.clone());
    let image_aliases = Arc::new(crate::links::Ec2ImageAliases {
        ec2: ec2_service.clone(),
        cx: crate::links::service_linked_context(
            account,
            region,
            "ssm.amazonaws.com",
            "AWSServiceRoleForAmazonSSM",
            "ParameterStore",
        ),
    });
    let parameters = secrets::ParameterStore::open(
        store.clone(),
        acct.sealer.clone(),
        secrets_config,
        secrets_clock,
        Some(image_aliases),
    );
    let ssm_service = Arc::new(secrets::SsmService::new(parameters));
    registry.register(ssm_service.clone());
    // --- end Secrets Manager and SSM ---

    // --- EC2 Auto Scaling: the API and its controller, calling the others as its service-linked role ---
    let asg_cx = crate::links::service_linked_context(
        account,
        region,
        "autoscaling.amazonaws.com",
        "AWSServiceRoleForAutoScaling",
        "AutoScaling",
    );
    let via = |service: Arc<dyn wire::Service>| crate::links::local_transport(service, &asg_cx);
    let peers = crate::links::AutoScalingPeers {
        clients: autoscaling::Clients {
            ec2: api::ec2::Client::new(via(ec2_service.clone())),
            elb: api::elbv2::Client::new(via(elb_service.clone())),
            classic_elb: api::elb::Client::new(via(classic_elb_service.clone())),
            cloudwatch: api::cloudwatch::Client::new(via(cw_service.clone())),
            sns: api::sns::Client::new(via(sns_service.clone())),
            sqs: api::sqs::Client::new(via(sqs_service.clone())),
        },
        ec2: ec2_service.clone(),
    };
    let asg_clock: autoscaling::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let asg = autoscaling::AutoScaling::open(
        store.clone(),
        autoscaling::AutoScalingConfig { region: region.to_string(), account: account.clone() },
        asg_clock,
        Arc::new(peers),
    );
    let _ = alarm_actions.autoscaling.set(asg.clone());
    let asg_service = Arc::new(autoscaling::AutoScalingService::new(asg.clone()));
    registry.register(asg_service.clone());
    running.push(Box::new(asg.spawn_controller()));
    // --- end EC2 Auto Scaling ---

    // --- RDS: DB instances that are real MariaDB servers, and their controller ---
    let rds_clock: rds::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let rds = rds::Rds::open(
        store.clone(),
        rds::RdsConfig { region: region.to_string(), account: account.clone(), dir: dir.join("rds") },
        rds_clock,
        Arc::new(crate::links::Ec2Subnets(ec2.clone())),
        Some(Arc::new(crate::links::RdsSecrets {
            secrets: secrets_manager_service.clone(),
            cx: crate::links::service_linked_context(
                account,
                region,
                "rds.amazonaws.com",
                "AWSServiceRoleForRDS",
                "RDS",
            ),
        })),
    )
    .map_err(|e| format!("opening RDS ({region}): {e}"))?;
    let rds_service = Arc::new(rds::RdsService::new(rds.clone()));
    registry.register(rds_service.clone());
    running.push(Box::new(rds.spawn_controller()));
    // --- end RDS ---

    // --- Cost Explorer: what ran, priced (`<data-dir>/ce/prices.json` over AWS's prices) ---
    let cost_usage = crate::cost_usage::CostUsage {
        ec2: ec2.clone(),
        elb: elb_service.clone(),
        classic_elb: classic_elb_service.clone(),
        rds: rds_service.clone(),
        cx: crate::links::service_linked_context(
            account,
            region,
            "ce.amazonaws.com",
            "AWSServiceRoleForCostExplorer",
            "CostExplorer",
        ),
    };
    let ce_clock: costexplorer::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let ce = costexplorer::CostExplorer::new(
        region.to_string(),
        account.clone(),
        acct.prices.clone(),
        ce_clock,
        Arc::new(cost_usage),
    );
    registry.register(Arc::new(costexplorer::CostExplorerService::new(Arc::new(ce))));
    // --- end Cost Explorer ---

    // --- CloudFormation: stacks, acting through the other services' APIs as their callers ---
    let stack_services = crate::links::StackServices {
        identity: identity.clone(),
        sns: sns_service,
        ec2: ec2_service,
        elb: elb_service,
        autoscaling: asg_service,
        cloudwatch: cw_service,
        iam: acct.iam.clone(),
        secrets_manager: secrets_manager_service,
        ssm: ssm_service,
        rds: rds_service,
        classic_elb: classic_elb_service.clone(),
        sqs: sqs_service,
        region: region.to_string(),
    };
    let cfn_clock: cloudformation::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let cfn = cloudformation::CloudFormation::open(
        store.clone(),
        cloudformation::CloudFormationConfig { region: region.to_string(), account: account.clone() },
        cfn_clock,
        Arc::new(stack_services),
    );
    registry.register(Arc::new(cloudformation::CloudFormationService::new(cfn.clone())));
    public.push((
        cloudformation::CloudFormation::WAIT_CONDITION_PATH.to_string(),
        Arc::new(crate::links::WaitConditionHandles(cfn.clone())),
    ));
    cfn.resume();
    // --- end CloudFormation ---

    running.push(Box::new(
        cloudwatch::Evaluator::spawn(
            cw,
            Some(Arc::new(crate::links::InstanceCpu { ec2: ec2.clone(), autoscaling: asg.clone() })),
            vec![
                Arc::new(crate::links::ElbMetrics(elb.clone())),
                Arc::new(crate::links::GroupMetrics(asg.clone())),
                Arc::new(crate::links::RdsMetrics(rds.clone())),
                Arc::new(crate::links::SqsMetrics(sqs.clone())),
            ],
        )
        .map_err(|e| format!("starting the alarm evaluator ({region}): {e}"))?,
    ));
    running.push(Box::new(sns::Worker::spawn(sns.clone())));
    running.push(Box::new(ec2::Controller::spawn(ec2.clone())));

    Ok(Region {
        name: region.to_string(),
        dir: dir.to_path_buf(),
        registry,
        public,
        ec2,
        sns,
        sqs,
        cfn,
        _running: running,
    })
}

/// Register SIGTERM and SIGINT now; the returned future completes when either arrives.
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, Error> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = int.recv() => tracing::info!("SIGINT received"),
            _ = term.recv() => tracing::info!("SIGTERM received"),
        }
    })
}

/// Create the data dir (0700) and return its absolute path.
fn prepare_dir(dir: &Path) -> Result<PathBuf, Error> {
    fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    Ok(fs::canonicalize(dir)?)
}

/// Write `<dir>/credentials` and `<dir>/config` in the aws shared-file formats, mode 0600.
/// The region's helper commands for instances (`<data-dir>/ec2/bin`, first on their PATH):
/// `cfn-signal` and `cfn-init`, which run `homeground cfn-signal` / `homeground cfn-init`
/// against this region's endpoint, and `stand-in`, what the public images of emulator mode
/// boot (`homeground stand-in`).
fn install_instance_tools(bin: &Path, endpoint: &str) -> Result<(), Error> {
    std::fs::create_dir_all(bin)?;
    let exe = std::env::current_exe()?;
    for tool in ["cfn-signal", "cfn-init", "stand-in"] {
        let script =
            format!("#!/bin/sh\nexport HOMEGROUND_ENDPOINT='{endpoint}'\nexec '{}' {tool} \"$@\"\n", exe.display());
        let path = bin.join(tool);
        let tmp = bin.join(format!(".{tool}.new"));
        std::fs::write(&tmp, script)?;
        std::fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(0o755))?;
        std::fs::rename(&tmp, &path)?;
    }
    Ok(())
}

fn write_client_files(dir: &Path, region: &str, endpoint: &str, key_id: &str, secret: &str) -> Result<(), Error> {
    write_private(
        &dir.join("credentials"),
        &format!("[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n"),
    )?;
    write_private(&dir.join("config"), &format!("[default]\nregion = {region}\nendpoint_url = {endpoint}\n"))?;
    Ok(())
}

fn write_private(path: &Path, content: &str) -> Result<(), Error> {
    let tmp = path.with_extension("tmp");
    {
        let mut f = OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&tmp)?;
        f.write_all(content.as_bytes())?;
        f.sync_all()?;
    }
    fs::set_permissions(&tmp, fs::Permissions::from_mode(0o600))?;
    fs::rename(&tmp, path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::is_region_name;

    #[test]
    fn region_names_are_aws_s_shape() {
        for ok in ["eu-west-1", "ap-northeast-2", "us-gov-east-1", "cn-north-1"] {
            assert!(is_region_name(ok), "{ok}");
        }
        for bad in ["Mars", "eu-west", "eu-West-1", "eu--1", "eu-west-1a", "", "-west-1"] {
            assert!(!is_region_name(bad), "{bad}");
        }
    }
}
