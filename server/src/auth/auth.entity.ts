import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';

export enum Role {
  /** Everything, including writes and token management. */
  ADMIN = 'ADMIN',
  /** Read-only access for BI tools; anonymity rules apply as to everyone. */
  ANALYST = 'ANALYST',
  /** Kiosk: only what a complaint board shows. */
  MONITOR = 'MONITOR',
}

/** A person who logs in to the admin app with email and password. */
@Entity({ tableName: 'app_user' })
export class User {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 320, unique: true })
  email!: string;

  /** `scrypt$N$r$p$salt$hash`, never the password. */
  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash!: string;

  @Enum({ items: () => Role })
  role!: Role;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt?: Date | null;
}

/** A login session; the cookie or bearer token is stored only as its SHA-256. */
@Entity({ tableName: 'session' })
export class Session {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  tokenHash!: string;

  @Index()
  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}

/** A named, revocable token for a machine client (BI tool, wall monitor). */
@Entity({ tableName: 'api_token' })
export class ApiToken {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Enum({ items: () => Role })
  role!: Role;

  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  tokenHash!: string;

  /** The first characters of the token, so an admin can recognise it in a list. */
  @Property({ type: 'string', length: 16 })
  tokenPrefix!: string;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: 'set null' })
  createdBy?: Ref<User> | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
