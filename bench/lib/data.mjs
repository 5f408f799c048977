/**
 * The bodies the benchmark server sends. Every one is a pure function of its size, so two runs
 * (and the server and client processes) see byte-identical input. The shapes follow the
 * specs' own examples: the Z.com seed list, OnApp's backup and virtual machine records.
 */

/** A hex string of `length` characters derived from `n` (a stand-in for uuids and identifiers). */
function hex(n, length) {
  let out = "";
  let x = (n + 1) * 2654435761;
  while (out.length < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += x.toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}

function uuid(n) {
  const h = hex(n, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function isoZ(n) {
  return new Date(Date.UTC(2026, 0, 1) + n * 61_000).toISOString().replace(".000Z", "Z");
}

function isoOffset(n) {
  return new Date(Date.UTC(2026, 0, 1) + n * 61_000).toISOString().replace(".000Z", "+00:00");
}

/** A Z.com `{ backup: [...] }` list of `count` subscriptions, one to three runs each. */
export function zcomBackupList(count) {
  const backup = [];
  for (let i = 0; i < count; i++) {
    const backupruns = [];
    for (let r = 0; r <= i % 3; r++) {
      const run = {
        status: r === 2 ? "restoring" : "available",
        created_at: isoZ(i * 3 + r),
        backuprun_id: hex(i * 3 + r, 32),
        type: r === 1 ? "volume" : "instance",
      };
      if (r === 1) run.volume_id = uuid(i + 7_000_000);
      backupruns.push(run);
    }
    backup.push({ instance_id: uuid(i), id: uuid(i + 1_000_000), backupruns });
  }
  return { backup };
}

/** One OnApp backup record, with every field type the Rails XML carries (and `null`s). */
function onappBackup(i, vmId) {
  const incremental = i % 2 === 1;
  return {
    allow_resize_without_reboot: i % 2 === 0,
    allowed_hot_migrate: true,
    allowed_swap: true,
    backup_server_id: i % 4 ? 1 : null,
    backup_size: 100_000 + i * 7,
    built: true,
    built_at: isoOffset(i + 2),
    created_at: isoOffset(i),
    data_store_type: "lvm",
    id: 10_000 + i,
    identifier: hex(i, 14),
    image_type: null,
    initiated: i % 3 ? "days" : "manual",
    iqn: null,
    locked: false,
    marked_for_delete: false,
    min_disk_size: 5,
    min_memory_size: 384,
    note: i % 9 ? null : `nightly & weekly <${i}>`,
    operating_system: "linux",
    operating_system_distro: "rhel",
    target_id: incremental ? vmId : 900 + i,
    target_type: incremental ? "VirtualMachine" : "Disk",
    template_id: 128,
    updated_at: isoOffset(i + 3),
    user_id: 337,
    volume_id: null,
    backup_type: incremental ? "incremental" : "normal",
    disk_id: incremental ? null : 900 + i,
  };
}

/** `count` backups of virtual machine `vmId`, as plain records (the decoded form). */
export function onappBackups(count, vmId, first = 0) {
  return Array.from({ length: count }, (_, k) => onappBackup(first + k, vmId));
}

/** `count` OnApp virtual machines, ids 1 ... count. */
export function onappVirtualMachines(count) {
  return Array.from({ length: count }, (_, i) => ({
    booted: i % 5 !== 0,
    built: true,
    cpus: 1 + (i % 4),
    created_at: isoOffset(i),
    hostname: `vm${i + 1}.example.net`,
    id: i + 1,
    identifier: hex(i + 50_000, 14),
    label: `vm-${i + 1}`,
    locked: false,
    memory: 1024 * (1 + (i % 4)),
    operating_system: "linux",
    template_id: 128,
    updated_at: isoOffset(i + 1),
    user_id: 337,
  }));
}

/** Rails `to_json` of a list: each record wrapped in an object named for its type. */
export function railsJson(element, records) {
  return JSON.stringify(records.map((record) => ({ [element]: record })));
}

const XML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

function xmlField(name, value) {
  if (value === null) return `<${name} nil="true"/>`;
  if (typeof value === "boolean") return `<${name} type="boolean">${value}</${name}>`;
  if (typeof value === "number") return `<${name} type="integer">${value}</${name}>`;
  if (/^\d{4}-\d\d-\d\dT/.test(value)) return `<${name} type="datetime">${value}</${name}>`;
  return `<${name}>${value.replace(/[&<>"]/g, (c) => XML_ESCAPES[c])}</${name}>`;
}

/** Rails `to_xml` of a list, indented as Rails writes it: `<backups type="array"><backup>...`. */
export function railsXml(element, records) {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<${element}s type="array">`];
  for (const record of records) {
    lines.push(`  <${element}>`);
    for (const [name, value] of Object.entries(record)) lines.push(`    ${xmlField(name, value)}`);
    lines.push(`  </${element}>`);
  }
  lines.push(`</${element}s>`, "");
  return lines.join("\n");
}
