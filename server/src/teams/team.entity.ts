import { Entity, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';

/** A team; teams form a hierarchy through `parent` (cycles are refused on write). */
@Entity({ tableName: 'team' })
export class Team {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 120, unique: true })
  name!: string;

  @Index()
  @ManyToOne({ entity: () => Team, nullable: true, ref: true, deleteRule: 'set null' })
  parent?: Ref<Team> | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
