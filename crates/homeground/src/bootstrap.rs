//! Bring a region up: the data dir, the store and key file, the account and its root key,
//! the files the aws CLI and boto3 read, the services, and the API endpoint.

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

    let mut registry = Registry::default();
    let iam_service = Arc::new(IamService::new(identity.clone()));
    registry.register(iam_service.clone());
    registry.register(Arc::new(StsService::new(identity.clone())));

    let driver: Arc<dyn compute::Driver> = Arc::new(compute::ProcessDriver::new());
    for note in driver.capabilities().notes {
        tracing::warn!("compute: {note}");
    }
    let network = match args.network {
        crate::Network::Loopback => None,
        crate::Network::Isolated => {
            let fabric = vnet::Fabric::new(&vnet::tag_for(&dir.display().to_string()));
            match fabric.probe() {
                Ok(()) => {
                    tracing::info!(namespaces = %fabric.vpc_ns("…"), "networks isolate: a namespace per VPC and per instance, security groups enforced by nftables");
                    Some(Arc::new(fabric))
                }
                Err(why) => {
                    tracing::warn!(
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
        region: args.region.clone(),
        account: identity.account.clone(),
        dir: dir.join("ec2"),
        imds_port: args.imds_port,
        public_images: args.accept_any_credentials,
    };
    let clock: ec2::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let creds = Arc::new(crate::links::InstanceCredentials::new(identity.clone()));
    let ec2 =
        ec2::Ec2::open(store.clone(), driver, ec2_config, clock, creds).map_err(|e| format!("opening EC2: {e}"))?;
    let _ = ec2_model.join();
    let ec2_service = Arc::new(ec2::Ec2Service::new(ec2.clone()));
    registry.register(ec2_service.clone());

    // --- Elastic Load Balancing (ELBv2): the API and the proxy data plane ---
    let elb_clock: elb::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let elb = elb::Elb::open(
        store.clone(),
        Arc::new(crate::links::Ec2Directory(ec2.clone())),
        Arc::new(crate::links::IamCertificates(identity.clone())),
        args.region.clone(),
        identity.account.clone(),
        elb_clock,
        elb::AccessLogs {
            root: args.data_dir.join("elb-access-logs"),
            interval: std::time::Duration::from_secs(args.elb_access_log_interval.max(1)),
        },
    )
    .map_err(|e| format!("opening ELB: {e}"))?;
    let elb_service = Arc::new(elb::ElbService::new(elb.clone()));
    registry.register(elb_service.clone());
    let classic_elb_service = Arc::new(elb::ClassicElbService::new(elb.clone()));
    registry.register(classic_elb_service.clone());
    let _elb_controller = elb.spawn_controller().map_err(|e| format!("starting the ELB controller: {e}"))?;
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
        region: args.region.clone(),
        account: identity.account.clone(),
        smtp,
        https_ca_bundle: args.sns_ca_bundle.clone(),
    };
    let sns_clock: sns::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let sns = sns::Sns::open(store.clone(), &dir.join("sns"), sns_config, sns_clock)
        .map_err(|e| format!("opening SNS: {e}"))?;
    let sns_service = Arc::new(sns::SnsService::new(sns.clone()));
    registry.register(sns_service.clone());
    registry.register_public(
        &["/sns/confirm", "/sns/unsubscribe", "/sns/SimpleNotificationService.pem"],
        Arc::new(crate::links::SnsLinks(sns.clone())),
    );
    // SQS: durable queues; SNS delivers to them through `links::SqsQueues`.
    let sqs_clock: sqs::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let sqs = sqs::Sqs::open(
        store.clone(),
        sqs::SqsConfig { region: args.region.clone(), account: identity.account.clone() },
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
                &identity.account,
                &args.region,
                "events.amazonaws.com",
                "AWSServiceRoleForCloudWatchEvents",
                "CloudWatchAlarms",
            ),
        )),
    });
    let cw = cloudwatch::CloudWatch::open(
        store.clone(),
        &dir.join("cloudwatch"),
        cloudwatch::CloudWatchConfig { region: args.region.clone(), account: identity.account.clone() },
        cw_clock,
        alarm_actions.clone(),
    )
    .map_err(|e| format!("opening CloudWatch: {e}"))?;
    let cw_service = Arc::new(cloudwatch::CloudWatchService::new(cw.clone()));
    if args.prometheus {
        tracing::warn!("--prometheus: every metric is served at GET /metrics without authentication");
        registry.register_public(&["/metrics"], Arc::new(crate::links::PrometheusRoute(cw.clone())));
    }
    registry.register(cw_service.clone());
    // --- end CloudWatch and SNS ---

    // --- Secrets Manager and SSM Parameter Store: values sealed with the region's key ---
    let secrets_sealer =
        Arc::new(Sealer::open_or_create(&dir.join("master.key")).map_err(|e| format!("opening the key file: {e}"))?);
    let secrets_config = secrets::SecretsConfig { region: args.region.clone(), account: identity.account.clone() };
    let secrets_clock: secrets::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let secrets_manager = secrets::SecretsManager::open(
        store.clone(),
        secrets_sealer.clone(),
        secrets_config.clone(),
        secrets_clock.clone(),
    );
    let secrets_manager_service = Arc::new(secrets::SecretsManagerService::new(secrets_manager));
    registry.register(secrets_manager_service.clone());
    let image_aliases = Arc::new(crate::links::Ec2ImageAliases {
        ec2: ec2_service.clone(),
        cx: crate::links::service_linked_context(
            &identity.account,
            &args.region,
            "ssm.amazonaws.com",
            "AWSServiceRoleForAmazonSSM",
            "ParameterStore",
        ),
    });
    let parameters = secrets::ParameterStore::open(
        store.clone(),
        secrets_sealer.clone(),
        secrets_config,
        secrets_clock,
        Some(image_aliases),
    );
    let ssm_service = Arc::new(secrets::SsmService::new(parameters));
    registry.register(ssm_service.clone());
    // --- end Secrets Manager and SSM ---

    // --- EC2 Auto Scaling: the API and its controller, calling the others as its service-linked role ---
    let asg_cx = crate::links::service_linked_context(
        &identity.account,
        &args.region,
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
        autoscaling::AutoScalingConfig { region: args.region.clone(), account: identity.account.clone() },
        asg_clock,
        Arc::new(peers),
    );
    let _ = alarm_actions.autoscaling.set(asg.clone());
    let asg_service = Arc::new(autoscaling::AutoScalingService::new(asg.clone()));
    registry.register(asg_service.clone());
    let _asg_controller = asg.spawn_controller();
    // --- end EC2 Auto Scaling ---

    // --- RDS: DB instances that are real MariaDB servers, and their controller ---
    let rds_clock: rds::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let rds = rds::Rds::open(
        store.clone(),
        rds::RdsConfig { region: args.region.clone(), account: identity.account.clone(), dir: dir.join("rds") },
        rds_clock,
        Arc::new(crate::links::Ec2Subnets(ec2.clone())),
        Some(Arc::new(crate::links::RdsSecrets {
            secrets: secrets_manager_service.clone(),
            cx: crate::links::service_linked_context(
                &identity.account,
                &args.region,
                "rds.amazonaws.com",
                "AWSServiceRoleForRDS",
                "RDS",
            ),
        })),
    )
    .map_err(|e| format!("opening RDS: {e}"))?;
    let rds_service = Arc::new(rds::RdsService::new(rds.clone()));
    registry.register(rds_service.clone());
    let _rds_controller = rds.spawn_controller();
    // --- end RDS ---

    // --- Cost Explorer: what ran, priced (`<data-dir>/ce/prices.json` over AWS's prices) ---
    let prices = match fs::read_to_string(dir.join("ce").join("prices.json")) {
        Ok(text) => costexplorer::PriceList::with_overrides(&text).map_err(|e| format!("ce/prices.json: {e}"))?,
        Err(_) => costexplorer::PriceList::aws_default(),
    };
    let cost_usage = crate::cost_usage::CostUsage {
        ec2: ec2.clone(),
        elb: elb_service.clone(),
        classic_elb: classic_elb_service.clone(),
        rds: rds_service.clone(),
        cx: crate::links::service_linked_context(
            &identity.account,
            &args.region,
            "ce.amazonaws.com",
            "AWSServiceRoleForCostExplorer",
            "CostExplorer",
        ),
    };
    let ce_clock: costexplorer::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let ce = costexplorer::CostExplorer::new(
        args.region.clone(),
        identity.account.clone(),
        prices,
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
        iam: iam_service,
        secrets_manager: secrets_manager_service,
        ssm: ssm_service,
        rds: rds_service,
        classic_elb: classic_elb_service.clone(),
        sqs: sqs_service,
        region: args.region.clone(),
    };
    let cfn_clock: cloudformation::Clock = Arc::new(|| iam::Clock::now(&SystemClock));
    let cfn = cloudformation::CloudFormation::open(
        store.clone(),
        cloudformation::CloudFormationConfig { region: args.region.clone(), account: identity.account.clone() },
        cfn_clock,
        Arc::new(stack_services),
    );
    registry.register(Arc::new(cloudformation::CloudFormationService::new(cfn.clone())));
    registry.register_public(
        &[cloudformation::CloudFormation::WAIT_CONDITION_PATH],
        Arc::new(crate::links::WaitConditionHandles(cfn.clone())),
    );
    cfn.resume();
    // --- end CloudFormation ---

    let _alarm_evaluator = cloudwatch::Evaluator::spawn(
        cw,
        Some(Arc::new(crate::links::InstanceCpu { ec2: ec2.clone(), autoscaling: asg.clone() })),
        vec![
            Arc::new(crate::links::ElbMetrics(elb.clone())),
            Arc::new(crate::links::GroupMetrics(asg.clone())),
            Arc::new(crate::links::RdsMetrics(rds.clone())),
            Arc::new(crate::links::SqsMetrics(sqs.clone())),
        ],
    )
    .map_err(|e| format!("starting the alarm evaluator: {e}"))?;
    let _sns_deliveries = sns::Worker::spawn(sns.clone());

    let _controller = ec2::Controller::spawn(ec2.clone());

    let listener = TcpListener::bind(args.listen).await.map_err(|e| format!("listening on {}: {e}", args.listen))?;
    let endpoint = format!("http://{}", listener.local_addr()?);
    sns.set_endpoint(&endpoint); // CloudWatch and SNS: the links in SNS messages
    sqs.set_endpoint(&endpoint); // queue URLs
    cfn.set_endpoint(&endpoint); // wait-condition handles' presigned URLs
    install_instance_tools(&dir.join("ec2").join("bin"), &endpoint)?;
    let root = identity.root_key().map_err(|e| format!("reading the root key: {e}"))?;
    write_client_files(&dir, &args.region, &endpoint, &root.access_key_id, &root.secret_access_key)?;

    // The web console at /console: its actions are signed calls through this same gateway.
    let keep = console::session::Keep { store: store.clone(), sealer: secrets_sealer.clone() };
    registry.register_console(Arc::new(console::Console::kept(Arc::new(|| iam::Clock::now(&SystemClock)), keep)));
    let gateway = Arc::new(Gateway {
        registry,
        identity: identity.clone(),
        keys: sigv4::SigningKeyCache::new(),
        audit: Audit::open(&dir.join("audit.log"))?,
        region: args.region.clone(),
    });

    ec2.set_api_door(Arc::new(crate::links::GatewayDoor { gateway: gateway.clone(), addr: listener.local_addr()? }));

    let creds = dir.join("credentials");
    let conf = dir.join("config");
    println!(
        "homeground: region {} (zones {r}a-{r}d), account {}, API at {endpoint}",
        args.region,
        identity.account,
        r = args.region
    );
    println!("Web console at {endpoint}/console");
    println!("Point the aws CLI and boto3 at it:");
    println!("  export AWS_SHARED_CREDENTIALS_FILE={}", creds.display());
    println!("  export AWS_CONFIG_FILE={}", conf.display());
    println!("  aws sts get-caller-identity");
    // Watch the signals before saying ready, so that a stop right after it is a clean one.
    let shutdown = shutdown_signal()?;
    let sqs_at_stop = sqs.clone();
    let shutdown = async move {
        shutdown.await;
        sqs_at_stop.close(); // long polls answer now rather than hold the graceful stop
    };
    println!("homeground: ready");
    let _ = std::io::stdout().flush();

    gateway::serve(listener, gateway.clone(), shutdown).await;
    tracing::info!("stopped accepting requests; shutting down");
    drop(gateway);
    Ok(())
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
