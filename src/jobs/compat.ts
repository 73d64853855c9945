/** Whether a server can run a catalog item, and if not, what it lacks, in words. */
import type { CatalogItem } from '../catalog/schema.js';

export interface ServerFacts {
  name: string;
  capabilities: string[];
  /** The os-release ID (debian, ubuntu, fedora, …), or null before the server is probed. */
  distro: string | null;
}

export interface Compatibility {
  ok: boolean;
  /** Missing capabilities by name, then `os:<distros>` when the OS filter fails. */
  missing: string[];
  message: string;
}

/** os-release IDs that catalogs usually write shorter. */
const DISTRO_ALIASES: Record<string, string> = {
  almalinux: 'alma',
  rockylinux: 'rocky',
  redhat: 'rhel',
  'opensuse-leap': 'opensuse',
  'opensuse-tumbleweed': 'opensuse',
};

function canonical(distro: string): string {
  const id = distro.trim().toLowerCase();
  return DISTRO_ALIASES[id] ?? id;
}

function listOr(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function listAnd(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function checkCompatibility(item: CatalogItem, server: ServerFacts): Compatibility {
  const has = new Set(server.capabilities.map((c) => c.toLowerCase()));
  const lacking = item.required_capabilities.filter((c) => !has.has(c.toLowerCase()));
  const distros = item.os_filter?.distro ?? [];
  const distro = server.distro === null ? null : canonical(server.distro);
  const osOk = distros.length === 0 || (distro !== null && distros.map(canonical).includes(distro));
  const missing = osOk ? lacking : [...lacking, `os:${distros.join('|')}`];
  if (missing.length === 0) {
    return { ok: true, missing, message: `${server.name} has everything ${item.name} needs` };
  }

  const needs = [...lacking];
  const facts: string[] = [];
  if (lacking.length > 0) {
    const known = [...server.capabilities].sort();
    facts.push(known.length > 0 ? `has ${known.join(', ')}` : 'has no detected capabilities');
  }
  if (!osOk) {
    needs.push(`a ${listOr(distros)} system`);
    facts.push(server.distro === null ? 'has not been probed yet' : `runs ${server.distro}`);
  }
  const message = `needs ${listAnd(needs)}; ${server.name} ${listAnd(facts)}`;
  return { ok: false, missing, message };
}
