import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Every setting, read from the environment once at boot. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  sessionSecret: string;
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  loginRateLimitPerMinute: number;
  demoData: 'auto' | 'off';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  publicUrl: string | null;
  /** smtp:// or smtps:// URL for reminder e-mails; null: in-app notifications only. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Overdue by this many working days escalates to the street admin. */
  escalationWorkdays: number;
  /** Hour (Beijing time) of the daily reminder run. */
  reminderHour: number;
  /** Run “as of” this moment (demos): the clock starts here and runs on. */
  asOf: Date | null;
  /**
   * Intranet hosts and addresses webhooks may reach although they are private (host names, IP
   * addresses or IPv4/IPv6 ranges such as 10.20.0.0/16); everything else must be public.
   */
  webhookAllowHosts: string[];
  /** Memory for rendered public pages (megabytes); 0 renders every request afresh. */
  pageCacheMb: number;
  /**
   * The reverse proxies in front (addresses, ranges, or loopback/linklocal/uniquelocal) whose
   * X-Forwarded-For names the visitor; empty: the connecting address is the visitor's.
   */
  trustProxy: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`配置错误：环境变量 ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const intIn = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `必须是 ${min} 到 ${max} 之间的整数` })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: `不能小于 ${min}` }).max(max, { error: `不能大于 ${max}` }));

// One schema per variable so that the error names exactly the variable that is wrong.
const variables = {
  PORT: intIn(0, 65535).default(3000),
  HOST: z.string().min(1, { error: '不能为空' }).default('127.0.0.1'),
  DATA_DIR: z.string().min(1, { error: '不能为空' }).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: '必须以 postgres:// 或 postgresql:// 开头' })
    .optional(),
  SESSION_SECRET: z.string().min(32, { error: '至少需要 32 个字符' }).optional(),
  SESSION_IDLE_MINUTES: intIn(1, 24 * 60).default(30),
  COOKIE_SECURE: bool.default(false),
  LOGIN_RATE_LIMIT: intIn(1, 10_000).default(20),
  DEMO_DATA: z.enum(['auto', 'off'], { error: '只能是 auto 或 off' }).default('auto'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: '只能是 fatal、error、warn、info、debug、trace 或 silent',
    })
    .default('info'),
  PUBLIC_URL: z.url({ error: '必须是完整网址，例如 https://gk.example.cn' }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, { error: '必须是 smtp:// 或 smtps:// 开头的地址，例如 smtp://user:pass@mail.example.cn:587' })
    .optional(),
  MAIL_FROM: z.string().regex(/^([^<>]*<)?[^@\s<>]+@[^@\s<>]+>?$/, { error: '必须是电子邮箱地址，例如 公开平台 <gk@example.cn>' }).default('gongkai@localhost'),
  ESCALATION_WORKDAYS: intIn(1, 60).default(5),
  REMINDER_HOUR: intIn(0, 23).default(8),
  PAGE_CACHE_MB: intIn(0, 4096).default(32),
  AS_OF: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?)?$/, { error: '必须是日期或时间，例如 2026-10-20 或 2026-10-20T09:00+08:00' })
    .refine((v) => !Number.isNaN(Date.parse(asOfText(v))), { error: '不是有效的日期' })
    .optional(),
  WEBHOOK_ALLOW_HOSTS: z
    .string()
    .transform(lowerList)
    .refine((list) => list.every((h) => /^[\w.:-]+(\/\d{1,3})?$/.test(h) || /^\[[\da-f:.]+\]$/.test(h)), {
      error: '必须是用逗号分隔的主机名、IP 地址或网段，例如 robot.intranet.gov.cn,10.20.0.0/16',
    })
    .optional(),
  TRUST_PROXY: z
    .string()
    .transform(lowerList)
    .refine((list) => list.every(isProxyAddress), { error: '必须是用逗号分隔的代理服务器 IP 地址或网段，例如 127.0.0.1 或 10.0.0.0/8（也可写 loopback）' })
    .optional(),
} as const;

/** 'a, B c' → ['a', 'b', 'c']: lists of hosts and addresses, comma- or space-separated. */
function lowerList(v: string): string[] {
  return v.split(/[,\s]+/).filter(Boolean).map((h) => h.toLowerCase());
}

/** An address or range proxy-addr (Fastify's trustProxy) takes, or one of its names for ranges. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const kind = isIP(address);
  if (kind === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (kind === 4 ? 32 : 128));
}

/** A bare date means 09:00 Beijing time; a time without zone is Beijing time. */
function asOfText(v: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v}T09:00:00+08:00`;
  return /([+-]\d{2}:?\d{2}|Z)$/.test(v) ? v.replace(' ', 'T') : `${v.replace(' ', 'T')}+08:00`;
}

type Parsed = { [K in keyof typeof variables]: z.output<(typeof variables)[K]> };

function readVariables(env: NodeJS.ProcessEnv): Parsed {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(variables)) {
    const raw = env[name];
    const result = (schema as z.ZodType).safeParse(raw === '' ? undefined : raw);
    if (!result.success) {
      throw new ConfigError(name, `的值 “${raw}” 无效：${result.error.issues[0]?.message ?? '格式不对'}`);
    }
    out[name] = result.data;
  }
  return out as Parsed;
}

/** The session secret is generated once and kept under DATA_DIR, so restarts keep sessions valid. */
function ensureSessionSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
  }
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const v = readVariables(env);
  const dataDir = resolve(v.DATA_DIR);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new ConfigError('DATA_DIR', `指向的目录 ${dataDir} 无法创建：${(err as Error).message}`);
  }
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir,
    databaseUrl: v.DATABASE_URL ?? null,
    sessionSecret: v.SESSION_SECRET ?? ensureSessionSecret(dataDir),
    sessionIdleMinutes: v.SESSION_IDLE_MINUTES,
    cookieSecure: v.COOKIE_SECURE,
    loginRateLimitPerMinute: v.LOGIN_RATE_LIMIT,
    demoData: v.DEMO_DATA,
    logLevel: v.LOG_LEVEL,
    publicUrl: v.PUBLIC_URL ?? null,
    smtpUrl: v.SMTP_URL ?? null,
    mailFrom: v.MAIL_FROM,
    escalationWorkdays: v.ESCALATION_WORKDAYS,
    reminderHour: v.REMINDER_HOUR,
    asOf: v.AS_OF ? new Date(asOfText(v.AS_OF)) : null,
    webhookAllowHosts: v.WEBHOOK_ALLOW_HOSTS ?? [],
    pageCacheMb: v.PAGE_CACHE_MB,
    trustProxy: v.TRUST_PROXY ?? [],
  };
}
