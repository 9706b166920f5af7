//! The Deployment Manager front-end end to end: configs and templates on disk, rendering,
//! references, locations, bad input, and Google's samples corpus.

// Skipped corpus tests say why on stderr.
#![allow(clippy::print_stderr)]

use cloudsentinel_model::{Location, SourceDb};
use cloudsentinel_parser::LoadOptions;
use cloudsentinel_parser::deployment_manager::{self, DmEvaluation, DmResource};
use cloudsentinel_parser::dynvalue::Dyn;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Writes `files` under a temporary directory and returns it.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    tree_with_work_tree(files, "")
}

/// [`tree`] with the git work tree (the scanned tree imports must stay in) at `work_tree`.
fn tree_with_work_tree(files: &[(&str, &str)], work_tree: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(work_tree).join(".git")).unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn evaluate(dir: &Path, configs: &[&str]) -> (Vec<DmEvaluation>, SourceDb) {
    let db = SourceDb::new();
    let files: Vec<PathBuf> = configs.iter().map(|c| dir.join(c)).collect();
    let evs = deployment_manager::evaluate(&files, &LoadOptions::default(), &db);
    (evs, db)
}

fn one(dir: &Path, config: &str) -> (DmEvaluation, SourceDb) {
    let (mut evs, db) = evaluate(dir, &[config]);
    assert_eq!(evs.len(), 1);
    (evs.remove(0), db)
}

fn resource<'e>(ev: &'e DmEvaluation, name: &str) -> &'e DmResource {
    ev.resources
        .iter()
        .find(|r| r.name == name || r.address == name)
        .unwrap_or_else(|| panic!("no resource {name} in {:#?}", ev.resources))
}

/// `file:line` of a location, the file by its name.
fn at(db: &SourceDb, loc: Location) -> String {
    let f = db.get(loc.file);
    let line = f.line_col(loc.range.start).line;
    format!("{}:{line}", f.path.file_name().unwrap().to_string_lossy())
}

/// `path:line` of a location.
fn place(db: &SourceDb, loc: Location) -> String {
    let f = db.get(loc.file);
    format!("{}:{}", f.path.display(), f.line_col(loc.range.start).line)
}

fn get<'d>(d: &'d Dyn, path: &[&str]) -> &'d Dyn {
    path.iter().fold(d, |d, k| {
        d.get(k).unwrap_or_else(|| panic!("no {k} in {d:?}"))
    })
}

const VM_TEMPLATE: &str = "\
{# A VM with a disk. #}
{% set prefix = env['deployment'] + '-' + env['name'] %}
resources:
- name: {{ prefix }}-vm
  type: compute.v1.instance
  properties:
    zone: {{ properties['zone'] }}
    machineType: {{ properties['machineType'] }}
    canIpForward: {{ properties['forward'] }}
{% for i in range(properties['disks']) %}
- name: {{ env['name'] }}-disk-{{ i }}
  type: compute.v1.disk
  properties:
    zone: {{ properties['zone'] }}
    sizeGb: {{ 10 * (i + 1) }}
{% endfor %}
";

const VM_SCHEMA: &str = "\
required:
- zone
properties:
  zone:
    type: string
  machineType:
    type: string
    default: n1-standard-1
  forward:
    type: boolean
    default: true
  disks:
    type: integer
    default: 2
";

#[test]
fn templates_render_with_schema_defaults_and_env() {
    let dir = tree(&[
        (
            "vm.yaml",
            "imports:\n- path: templates/vm.jinja\n  name: vm\n\nresources:\n- name: web\n  type: vm\n  properties:\n    zone: europe-west1-b\n",
        ),
        ("templates/vm.jinja", VM_TEMPLATE),
        ("templates/vm.jinja.schema", VM_SCHEMA),
    ]);
    let (ev, db) = one(dir.path(), "vm.yaml");
    assert!(ev.parse_errors.is_empty(), "{:?}", ev.parse_errors);
    assert!(ev.notices.is_empty(), "{:?}", ev.notices);
    assert_eq!(ev.resources.len(), 3, "{:#?}", ev.resources);
    let vm = &ev.resources[0];
    // The deployment's name is only known at deployment: the name keeps a sentinel for
    // references and shows it in the address.
    assert_eq!(vm.address, "module.web.<deployment>-web-vm");
    assert_eq!(vm.rtype, "compute.v1.instance");
    assert_eq!(get(&vm.props, &["zone"]).as_str(), Some("europe-west1-b"));
    // Schema defaults.
    assert_eq!(
        get(&vm.props, &["machineType"]).as_str(),
        Some("n1-standard-1")
    );
    assert_eq!(get(&vm.props, &["canIpForward"]).as_bool(), Some(true));
    // Values point at the template line that wrote them, resources at their lines, and the
    // call chain names the config's resource.
    assert_eq!(
        at(&db, get(&vm.props, &["canIpForward"]).loc.unwrap()),
        "vm.jinja:9"
    );
    assert_eq!(at(&db, vm.loc), "vm.jinja:4");
    assert_eq!(vm.chain.len(), 1);
    assert_eq!(vm.chain[0].name, "web");
    assert_eq!(at(&db, vm.chain[0].location), "vm.yaml:6");
    let disk = resource(&ev, "web-disk-1");
    assert_eq!(get(&disk.props, &["sizeGb"]).as_f64(), Some(20.0));
    assert_eq!(
        at(&db, get(&disk.props, &["sizeGb"]).loc.unwrap()),
        "vm.jinja:15"
    );
    assert_eq!(ev.rendered.len(), 1);
}

#[test]
fn deploy_time_env_values_are_unknown() {
    let dir = tree(&[
        (
            "c.yaml",
            "imports:\n- path: b.jinja\nresources:\n- name: b\n  type: b.jinja\n",
        ),
        (
            "b.jinja",
            "resources:\n- name: {{ env['name'] }}\n  type: storage.v1.bucket\n  properties:\n    project: {{ env['project'] }}\n    name: {{ env['deployment'] }}-logs\n    location: {{ env['type'] }}\n",
        ),
    ]);
    let (ev, _) = one(dir.path(), "c.yaml");
    let b = resource(&ev, "b");
    assert!(get(&b.props, &["project"]).is_unknown());
    assert!(get(&b.props, &["name"]).is_unknown());
    // `env.name` and `env.type` come from the config.
    assert_eq!(get(&b.props, &["location"]).as_str(), Some("b.jinja"));
}

#[test]
fn references_resolve_to_declared_properties_else_unknown() {
    let dir = tree(&[(
        "refs.yaml",
        "\
resources:
- name: net
  type: compute.v1.network
  properties:
    autoCreateSubnetworks: false
    routingConfig:
      routingMode: REGIONAL
- name: fw
  type: compute.v1.firewall
  properties:
    network: $(ref.net.selfLink)
    mode: $(ref.net.routingConfig.routingMode)
    description: mode $(ref.net.routingConfig.routingMode) of net
    other: $(ref.missing.name)
    flag: $(ref.net.autoCreateSubnetworks)
",
    )]);
    let (ev, db) = one(dir.path(), "refs.yaml");
    let fw = resource(&ev, "fw");
    // An output of the API (selfLink) is not declared: Unknown, but it names its resource.
    let network = get(&fw.props, &["network"]);
    assert!(network.is_unknown());
    assert_eq!(network.source_ref.as_deref(), Some("net"));
    assert_eq!(get(&fw.props, &["mode"]).as_str(), Some("REGIONAL"));
    assert_eq!(
        get(&fw.props, &["description"]).as_str(),
        Some("mode REGIONAL of net")
    );
    assert!(get(&fw.props, &["other"]).is_unknown());
    assert_eq!(get(&fw.props, &["flag"]).as_bool(), Some(false));
    // The resolved value points where the reference is written.
    assert_eq!(
        at(&db, get(&fw.props, &["mode"]).loc.unwrap()),
        "refs.yaml:12"
    );
}

#[test]
fn python_templates_are_notices_never_run() {
    let dir = tree(&[
        (
            "c.yaml",
            "imports:\n- path: vm.py\nresources:\n- name: vm\n  type: vm.py\n- name: b\n  type: storage.v1.bucket\n",
        ),
        ("vm.py", "raise SystemExit('must never run')\n"),
    ]);
    let (ev, db) = one(dir.path(), "c.yaml");
    assert_eq!(ev.python.len(), 1);
    assert_eq!(ev.notices.len(), 1, "{:?}", ev.notices);
    let n = &ev.notices[0];
    assert!(
        n.message.contains("Python template vm.py") && n.message.contains("not evaluated"),
        "{}",
        n.message
    );
    assert_eq!(at(&db, n.location.unwrap()), "c.yaml:4");
    assert_eq!(ev.resources.len(), 1, "the rest of the config is read");
}

#[test]
fn nested_templates_expand_and_recursion_stops() {
    let dir = tree(&[
        (
            "c.yaml",
            "imports:\n- path: outer.jinja\n- path: inner.jinja\n- path: loop.jinja\nresources:\n- name: o\n  type: outer.jinja\n  properties:\n    n: 2\n- name: l\n  type: loop.jinja\n",
        ),
        (
            "outer.jinja",
            "resources:\n{% for i in range(properties['n']) %}\n- name: inner-{{ i }}\n  type: inner.jinja\n  properties:\n    bucket: b{{ i }}\n{% endfor %}\n",
        ),
        (
            "inner.jinja",
            "resources:\n- name: {{ properties['bucket'] }}\n  type: storage.v1.bucket\n",
        ),
        (
            "loop.jinja",
            "resources:\n- name: again-{{ env['name'] }}\n  type: loop.jinja\n",
        ),
    ]);
    let (ev, db) = one(dir.path(), "c.yaml");
    let b1 = resource(&ev, "b1");
    assert_eq!(b1.address, "module.o.module.inner-1.b1");
    assert_eq!(b1.chain.len(), 2);
    assert_eq!(at(&db, b1.loc), "inner.jinja:2");
    assert_eq!(at(&db, b1.chain[1].location), "outer.jinja:3");
    let recursion: Vec<_> = ev
        .notices
        .iter()
        .filter(|n| n.message.contains("calls itself"))
        .collect();
    assert_eq!(recursion.len(), 1, "{:?}", ev.notices);
    assert_eq!(at(&db, recursion[0].location.unwrap()), "loop.jinja:2");
}

#[test]
fn bad_input_is_located_and_the_rest_is_read() {
    let dir = tree_with_work_tree(
        &[
            ("outside.jinja", "resources: []\n"),
            (
                "repo/c.yaml",
                "\
imports:
- path: syntax.jinja
- path: undefined.jinja
- path: runaway.jinja
- path: badyaml.jinja
- path: required.jinja
- path: ../outside.jinja
resources:
- name: s
  type: syntax.jinja
- name: u
  type: undefined.jinja
- name: r
  type: runaway.jinja
- name: y
  type: badyaml.jinja
- name: q
  type: required.jinja
- name: o
  type: ../outside.jinja
- name: m
  type: missing.jinja
- name: ok
  type: storage.v1.bucket
",
            ),
            ("repo/syntax.jinja", "resources:\n- name: {{ env['name'] \n"),
            (
                "repo/undefined.jinja",
                "resources:\n- name: x\n  type: storage.v1.bucket\n  properties:\n    zone: {{ properties['zone'] }}\n",
            ),
            (
                "repo/runaway.jinja",
                "resources:\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
            ),
            ("repo/badyaml.jinja", "resources:\n- name: [\n"),
            ("repo/required.jinja", "resources: []\n"),
            ("repo/required.jinja.schema", "required: [zone]\n"),
        ],
        "repo",
    );
    let (ev, db) = one(dir.path(), "repo/c.yaml");
    let errors: Vec<String> = ev
        .parse_errors
        .iter()
        .map(|e| format!("{} {}", at(&db, e.location), e.message))
        .collect();
    let notices: Vec<String> = ev
        .notices
        .iter()
        .map(|n| format!("{} {}", at(&db, n.location.unwrap()), n.message))
        .collect();
    let has = |list: &[String], place: &str, words: &str| {
        assert!(
            list.iter()
                .any(|m| m.starts_with(place) && m.contains(words)),
            "no `{place} … {words}` in {list:#?}"
        );
    };
    has(&errors, "syntax.jinja:2", "is not valid Jinja");
    has(&errors, "syntax.jinja:2", "resource s in c.yaml");
    has(&notices, "undefined.jinja:5", "could not be rendered");
    has(&notices, "runaway.jinja:2", "evaluation steps");
    has(&errors, "badyaml.jinja:2", "is not valid YAML");
    has(&notices, "c.yaml:17", "lacks the property zone");
    has(&notices, "c.yaml:7", "outside the scanned directory tree");
    has(&notices, "c.yaml:21", "does not import");
    assert_eq!(ev.resources.len(), 1, "{:#?}", ev.resources);
    assert_eq!(ev.resources[0].name, "ok");
}

#[test]
fn a_malformed_config_is_a_located_error() {
    let dir = tree(&[(
        "c.yaml",
        "resources:\n- name: a\n  type: storage.v1.bucket\n  properties: [\n",
    )]);
    let (ev, db) = one(dir.path(), "c.yaml");
    assert_eq!(ev.parse_errors.len(), 1);
    assert!(at(&db, ev.parse_errors[0].location).starts_with("c.yaml:"));
}

/// Google's samples: every config is read with no parse error, every Jinja template a
/// config calls is rendered, and Python templates only give notices.
#[test]
fn the_deployment_manager_samples_are_read() {
    let candidates = [
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/corpora/deploymentmanager-samples"),
        PathBuf::from("/work/shared/corpora/deploymentmanager-samples"),
    ];
    let Some(corpus) = candidates.into_iter().find(|c| c.is_dir()) else {
        eprintln!(
            "skipped: the Deployment Manager samples corpus (shared/corpora/deploymentmanager-samples) is absent"
        );
        return;
    };
    let db = SourceDb::new();
    let opts = LoadOptions::default();
    let found = cloudsentinel_parser::discover::discover(std::slice::from_ref(&corpus), &opts);
    let configs = found.files("deployment-manager").to_vec();
    assert!(configs.len() > 50, "{} configs", configs.len());
    let evs = deployment_manager::evaluate(&configs, &opts, &db);
    let mut problems = Vec::new();
    let mut rendered = BTreeSet::new();
    let mut python = BTreeSet::new();
    let mut resources = 0;
    for ev in &evs {
        for e in &ev.parse_errors {
            problems.push(format!("error {}: {}", place(&db, e.location), e.message));
        }
        for n in &ev.notices {
            if !n.message.contains("Python template") {
                problems.push(format!(
                    "notice {}: {}",
                    n.location.map(|l| place(&db, l)).unwrap_or_default(),
                    n.message
                ));
            }
        }
        rendered.extend(ev.rendered.iter().cloned());
        python.extend(ev.python.iter().cloned());
        resources += ev.resources.len();
    }
    eprintln!(
        "{} configs, {} templates rendered, {} Python templates not evaluated, {resources} resources",
        configs.len(),
        rendered.len(),
        python.len()
    );
    // Samples that Deployment Manager itself would reject, each with why: the rest must
    // give no parse error and no notice but the Python templates'.
    let known: [(&str, &str); 10] = [
        // `type: [PROJECT-ID]/…` placeholders: not YAML.
        ("scheduled-deployments/sd_config.yaml:18", "not valid YAML"),
        // Imports a template the folder does not have.
        (
            "3-tier/old/cities-service-lb-fwd-rule.yml:4",
            "cannot be read (not found)",
        ),
        // Properties are `< description; example >` placeholders: `range()` of a string.
        ("lustre/lustre.jinja:101", "cannot convert string to isize"),
        // `cider` typo: `cidr` is undefined when the config sets it.
        ("pbs/host-network/pbs-host.jinja:37", "undefined value"),
        // The configs lack properties the templates print.
        ("pbs/pbs.jinja:146", "undefined value"),
        ("cloudsql/cloudsql.jinja:36", "undefined value"),
        ("iam-v1/roles.jinja:28", "undefined value"),
        ("container-v1/replication_controller.jinja:15", "undefined"),
        // A type provider named after the project: known at deployment only.
        ("jinja/deployment.jinja:", "only known at deployment"),
        ("daemonsets/daemonset.jinja:", "only known at deployment"),
    ];
    let unexplained: Vec<&String> = problems
        .iter()
        .filter(|p| {
            !known
                .iter()
                .any(|(place, why)| p.contains(place) && p.contains(why))
        })
        .collect();
    assert!(unexplained.is_empty(), "{unexplained:#?}");
    for (place, why) in known {
        assert!(
            problems
                .iter()
                .any(|p| p.contains(place) && p.contains(why)),
            "{place} ({why}) is read without a problem now: remove it from the known list"
        );
    }
    assert!(!rendered.is_empty() && !python.is_empty());
}

fn load(dir: &Path, config: &str) -> cloudsentinel_model::State {
    let db = SourceDb::new();
    deployment_manager::load(&[dir.join(config)], &LoadOptions::default(), &db)
}

#[test]
fn both_type_spellings_and_instance_templates_are_adapted() {
    let dir = tree(&[(
        "c.yaml",
        "\
resources:
- name: tpl
  type: gcp-types/compute-v1:instanceTemplates
  properties:
    properties:
      canIpForward: true
      metadata:
        items:
        - key: serial-port-enable
          value: 'TRUE'
      networkInterfaces:
      - network: global/networks/default
        accessConfigs:
        - type: ONE_TO_ONE_NAT
- name: key
  type: gcp-types/cloudkms-v1:projects.locations.keyRings.cryptoKeys
  properties:
    rotationPeriod: 7776000s
  accessControl:
    gcpIamPolicy:
      bindings:
      - role: roles/cloudkms.cryptoKeyEncrypterDecrypter
        members: [allUsers]
- name: gke
  type: gcp-types/container-v1:projects.locations.clusters
  properties:
    cluster:
      legacyAbac:
        enabled: true
- name: proj
  type: cloudresourcemanager.v1.project
  properties:
    projectId: example-project
  accessControl:
    gcpIamPolicy:
      bindings:
      - role: roles/owner
        members: [user:a@example.com]
",
    )]);
    let state = load(dir.path(), "c.yaml");
    let g = &state.google;
    let vm = &g.compute.instances[0];
    assert_eq!(
        vm.kind,
        cloudsentinel_model::google::compute::InstanceKind::Template
    );
    assert!(vm.can_ip_forward.is_true());
    assert!(vm.serial_port_enabled.is_true());
    assert_eq!(vm.network_interfaces[0].access_configs.len(), 1);
    assert!(vm.block_project_ssh_keys.is_false() && vm.block_project_ssh_keys.is_default());
    let key = &g.kms.crypto_keys[0];
    assert_eq!(key.rotation_period_seconds.known(), Some(&Some(7_776_000)));
    assert!(key.iam[0].public_member().is_some());
    assert!(g.gke.clusters[0].legacy_abac.is_true());
    let policy = &g.iam.policies[0];
    assert_eq!(
        policy.level,
        cloudsentinel_model::google::iam::Level::Project
    );
    assert_eq!(policy.target.as_str(), Some("example-project"));
    assert!(policy.bindings[0].role.is(|r| r == "roles/owner"));
}

#[test]
fn split_bucket_resources_join_by_reference_name_or_not_at_all() {
    let dir = tree(&[
        (
            "c.yaml",
            "\
imports:
- path: acl.jinja
resources:
- name: site
  type: storage.v1.bucket
- name: named
  type: storage.v1.bucket
  properties:
    name: example-named
- name: by-ref
  type: storage.v1.bucketAccessControl
  properties:
    bucket: $(ref.site.name)
    entity: allUsers
    role: READER
- name: by-name
  type: gcp-types/storage-v1:virtual.buckets.iamMemberBinding
  properties:
    bucket: example-named
    role: roles/storage.objectViewer
    member: allAuthenticatedUsers
- name: elsewhere
  type: storage.v1.bucketAccessControl
  properties:
    bucket: not-declared-here
    entity: allUsers
    role: READER
- name: unknown
  type: acl.jinja
",
        ),
        (
            "acl.jinja",
            "resources:\n- name: u\n  type: storage.v1.defaultObjectAccessControl\n  properties:\n    bucket: {{ env['project'] }}-bucket\n    entity: allUsers\n    role: READER\n",
        ),
    ]);
    let state = load(dir.path(), "c.yaml");
    let buckets = &state.google.storage.buckets;
    let site = buckets
        .iter()
        .find(|b| b.resource.address == "site")
        .unwrap();
    // The API name defaults to the resource's name.
    assert_eq!(site.name.as_str(), Some("site"));
    assert!(
        site.acl
            .iter()
            .any(cloudsentinel_model::google::storage::AclEntry::is_public)
    );
    let named = buckets
        .iter()
        .find(|b| b.resource.address == "named")
        .unwrap();
    assert!(named.iam.iter().any(|b| b.public_member().is_some()));
    // A bucket name only the deployment knows: every bucket of the config may be the one,
    // so each gets an Unknown entry, never a guess.
    for b in buckets {
        assert!(
            b.default_object_acl.iter().all(|e| e.entity.is_unknown()),
            "{b:?}"
        );
        assert_eq!(b.default_object_acl.len(), 1);
    }
    assert!(
        state.notices.iter().any(|n| n
            .message
            .contains("\"not-declared-here\", which is not declared")),
        "{:?}",
        state.notices
    );
}

/// Rendering cost, for docs/performance.md: evaluates the samples corpus repeatedly and prints
/// the time per config and per rendered template. Prints only; run with
/// `cargo test -p cloudsentinel-parser --release --test deployment_manager -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a test"]
fn measure_rendering_cost() {
    let Some(corpus) = [PathBuf::from(
        "/work/shared/corpora/deploymentmanager-samples",
    )]
    .into_iter()
    .chain(std::iter::once(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/corpora/deploymentmanager-samples"),
    ))
    .find(|c| c.is_dir()) else {
        eprintln!("skipped: the samples corpus is absent");
        return;
    };
    let opts = LoadOptions::default();
    let found = cloudsentinel_parser::discover::discover(std::slice::from_ref(&corpus), &opts);
    let configs = found.files("deployment-manager").to_vec();
    let runs = 20;
    let mut renders = 0;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        let db = SourceDb::new();
        let evs = deployment_manager::evaluate(&configs, &opts, &db);
        renders += evs.iter().map(|e| e.rendered.len()).sum::<usize>();
    }
    let elapsed = start.elapsed();
    eprintln!(
        "{} configs, {} renders per run: {:.2} ms per run, {:.1} µs per rendered template (evaluation included)",
        configs.len(),
        renders / runs,
        elapsed.as_secs_f64() * 1000.0 / runs as f64,
        elapsed.as_secs_f64() * 1e6 / renders.max(1) as f64
    );
}
