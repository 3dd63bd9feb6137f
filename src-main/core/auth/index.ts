/**
 * Local accounts and sign-in. A session belongs to one client (a window, or the development
 * host's page); it locks itself after idle time, and a locked session answers no call but
 * sign-in.
 */
import type { AccountInfo } from '../../../src-shared/ipc/admin';
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { Role } from '../../../src-shared/domain/enums';
import type { User } from '../../../src-shared/ipc/schemas';
import type { Sqlite } from '../db/open';
import type { AuditLog } from '../audit';
import { hashPassword, verifyPassword } from './password';

export const DEFAULT_IDLE_LOCK_MINUTES = 15;

/** One client's sign-in state; owned by the binding (one per window or host run). */
export class SessionSlot {
  user: User | null = null;
  lastActivity = 0;

  constructor(private readonly now: () => number = Date.now) {}

  signIn(user: User): void {
    this.user = user;
    this.lastActivity = this.now();
  }

  clear(): void {
    this.user = null;
  }

  /** The signed-in user, or null when nobody is or the idle time has run out (then it locks). */
  current(idleLockMinutes: number): User | null {
    if (!this.user) return null;
    if (this.now() - this.lastActivity > idleLockMinutes * 60_000) {
      this.user = null;
      return null;
    }
    this.lastActivity = this.now();
    return this.user;
  }
}

interface UserRow extends User {
  passwordHash: string;
  disabled: number;
}

const WRONG = 'Tên đăng nhập hoặc mật khẩu không đúng. Hãy thử lại.';

/** An account as the administrator's list shows it (never its password hash). */
export type { AccountInfo };

/** An account on the organisation channel: its password travels only as its salted hash. */
export interface AccountSnapshot {
  username: string;
  fullName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  /** The hash this one replaces (a password change), so a stale copy is told from a conflict. */
  previousHash?: string;
}

function snapshotOf(row: UserRow): AccountSnapshot {
  return {
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    passwordHash: row.passwordHash,
    disabled: Boolean(row.disabled),
  };
}

export function createAccounts(sqlite: Sqlite, audit: AuditLog) {
  const byName = sqlite.prepare(
    'SELECT id, username, full_name AS fullName, role, password_hash AS passwordHash, disabled FROM users WHERE username = ?',
  );
  const insert = sqlite.prepare('INSERT INTO users (username, full_name, role, password_hash) VALUES (?, ?, ?, ?)');
  const setting = sqlite.prepare("SELECT value FROM settings WHERE key = 'idleLockMinutes'").pluck();
  const all = sqlite.prepare(
    'SELECT id, username, full_name AS fullName, role, password_hash AS passwordHash, disabled FROM users ORDER BY id',
  );
  const updateMirror = sqlite.prepare(
    'UPDATE users SET full_name = ?, role = ?, password_hash = ?, disabled = ? WHERE username = ?',
  );
  const insertMirror = sqlite.prepare(
    'INSERT INTO users (username, full_name, role, password_hash, disabled) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = sqlite.prepare(
    'SELECT id, username, full_name AS fullName, role, password_hash AS passwordHash, disabled FROM users WHERE id = ?',
  );
  const listRows = sqlite.prepare(
    'SELECT id, username, full_name AS fullName, role, disabled, created_at AS createdAt, unit_id AS unitId FROM users ORDER BY username',
  );
  const activeAdmins = sqlite
    .prepare("SELECT COUNT(*) FROM users WHERE role = 'administrator' AND disabled = 0 AND id <> ?")
    .pluck();
  const setRoleRow = sqlite.prepare('UPDATE users SET role = ? WHERE id = ?');
  const setHashRow = sqlite.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  const setDisabledRow = sqlite.prepare('UPDATE users SET disabled = ? WHERE id = ?');
  /** Told of every account created or changed here (the organisation channel), inside the transaction. */
  const listeners: ((account: AccountSnapshot) => void)[] = [];
  const tell = (account: AccountSnapshot) => {
    for (const listener of listeners) listener(account);
  };

  function rowById(id: number): UserRow {
    const row = byId.get(id) as UserRow | undefined;
    if (!row) throw new VanThuError('NOT_FOUND', 'Không tìm thấy tài khoản này. Hãy tải lại danh sách.');
    return row;
  }

  /**
   * An administrator cannot lock themselves out, and the workstation always keeps one active
   * administrator: otherwise nobody could add a term or an account again.
   */
  function requireNotSelfOrLastAdmin(row: UserRow, actorId: number, what: string): void {
    if (row.id === actorId) {
      throw new VanThuError(
        'CONFLICT',
        `Bạn không thể ${what} chính tài khoản đang đăng nhập. Hãy nhờ quản trị viên khác.`,
      );
    }
    if (row.role === 'administrator' && !row.disabled && (activeAdmins.get(row.id) as number) === 0) {
      throw new VanThuError(
        'CONFLICT',
        `${row.fullName} là quản trị viên duy nhất còn hoạt động. Hãy tạo hoặc mở lại một tài khoản quản trị khác trước.`,
      );
    }
  }

  function listAll(): AccountInfo[] {
    const rows = listRows.all() as (Omit<AccountInfo, 'disabled'> & { disabled: number })[];
    return rows.map((r) => ({ ...r, disabled: r.disabled === 1 }));
  }

  function info(id: number): AccountInfo {
    const found = listAll().find((a) => a.id === id);
    if (!found) throw new VanThuError('NOT_FOUND', 'Không tìm thấy tài khoản này. Hãy tải lại danh sách.');
    return found;
  }

  /** Runs one change in its own transaction (a savepoint inside the caller's). */
  function tx<T>(work: () => T): T {
    return sqlite.transaction(work).immediate();
  }

  return {
    observe(listener: (account: AccountSnapshot) => void): void {
      listeners.push(listener);
    },

    /** Every account as it travels to the organisation's other workstations. */
    snapshots(): AccountSnapshot[] {
      return (all.all() as UserRow[]).map(snapshotOf);
    },

    /**
     * An account made on another workstation of the organisation, so its owner signs in here
     * too. A same-named account that differs is left as it is: the caller records the conflict.
     */
    mirror(account: AccountSnapshot, actor: string): 'added' | 'updated' | 'same' | 'conflict' {
      const existing = byName.get(account.username) as UserRow | undefined;
      if (!existing) {
        insertMirror.run(
          account.username,
          account.fullName,
          account.role,
          account.passwordHash,
          account.disabled ? 1 : 0,
        );
        audit.append({
          actor,
          action: 'user.mirror',
          entity: 'user',
          entityId: account.username,
          details: { role: account.role },
        });
        return 'added';
      }
      const here = snapshotOf(existing);
      if (JSON.stringify(here) === JSON.stringify(account)) return 'same';
      if (here.passwordHash !== account.passwordHash && account.previousHash !== here.passwordHash) return 'conflict';
      updateMirror.run(
        account.fullName,
        account.role,
        account.passwordHash,
        account.disabled ? 1 : 0,
        account.username,
      );
      audit.append({
        actor,
        action: 'user.mirror',
        entity: 'user',
        entityId: account.username,
        details: { role: account.role },
      });
      return 'updated';
    },

    idleLockMinutes(): number {
      const v = Number(setting.get());
      return Number.isFinite(v) && v > 0 ? v : DEFAULT_IDLE_LOCK_MINUTES;
    },

    /** Call inside the caller's transaction. */
    create(input: { username: string; fullName: string; role: Role; password: string }, actor: string): User {
      if (byName.get(input.username)) {
        throw new VanThuError('CONFLICT', `Tên đăng nhập "${input.username}" đã có. Hãy chọn tên khác.`);
      }
      const id = Number(
        insert.run(input.username, input.fullName, input.role, hashPassword(input.password)).lastInsertRowid,
      );
      audit.append({
        actor,
        action: 'user.create',
        entity: 'user',
        entityId: id,
        details: { username: input.username, role: input.role },
      });
      const created = byName.get(input.username) as UserRow;
      tell(snapshotOf(created));
      return { id, username: input.username, fullName: input.fullName, role: input.role };
    },

    list: listAll,

    /** `actor`: the administrator making the change (never their own role). */
    setRole(id: number, role: Role, actor: User): AccountInfo {
      return tx(() => {
        const row = rowById(id);
        if (row.role === role) return info(id);
        if (role !== 'administrator') requireNotSelfOrLastAdmin(row, actor.id, 'đổi vai trò của');
        setRoleRow.run(role, id);
        audit.append({
          actor: actor.username,
          action: 'user.setRole',
          entity: 'user',
          entityId: id,
          details: { username: row.username, from: row.role, to: role },
        });
        tell(snapshotOf(rowById(id)));
        return info(id);
      });
    },

    /** A new password chosen by the administrator; the account's owner changes it later. */
    resetPassword(id: number, password: string, actor: User): AccountInfo {
      return tx(() => {
        const row = rowById(id);
        setHashRow.run(hashPassword(password), id);
        audit.append({
          actor: actor.username,
          action: 'user.resetPassword',
          entity: 'user',
          entityId: id,
          details: { username: row.username },
        });
        // The other workstations replace the hash they hold, not one changed there meanwhile.
        tell({ ...snapshotOf(rowById(id)), previousHash: row.passwordHash });
        return info(id);
      });
    },

    /** A disabled account cannot sign in; it stays, with everything it did, in the audit log. */
    setDisabled(id: number, disabled: boolean, actor: User): AccountInfo {
      return tx(() => {
        const row = rowById(id);
        if (Boolean(row.disabled) === disabled) return info(id);
        if (disabled) requireNotSelfOrLastAdmin(row, actor.id, 'khóa');
        setDisabledRow.run(disabled ? 1 : 0, id);
        audit.append({
          actor: actor.username,
          action: disabled ? 'user.disable' : 'user.enable',
          entity: 'user',
          entityId: id,
          details: { username: row.username },
        });
        tell(snapshotOf(rowById(id)));
        return info(id);
      });
    },

    info,

    /** The account as it stands now, or null when it is locked or no longer exists. */
    activeUser(id: number): User | null {
      const row = byId.get(id) as UserRow | undefined;
      if (!row || row.disabled) return null;
      return { id: row.id, username: row.username, fullName: row.fullName, role: row.role };
    },

    signIn(username: string, password: string): User {
      const row = byName.get(username.trim().toLowerCase()) as UserRow | undefined;
      // Verify even for an unknown name, so timing does not reveal which names exist.
      const ok = verifyPassword(password, row?.passwordHash ?? hashPassword('not-a-user'));
      if (!row || !ok) throw new VanThuError('UNAUTHENTICATED', WRONG);
      if (row.disabled) throw new VanThuError('FORBIDDEN', 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.');
      audit.append({ actor: row.username, action: 'auth.signIn', entity: 'user', entityId: row.id });
      return { id: row.id, username: row.username, fullName: row.fullName, role: row.role };
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
