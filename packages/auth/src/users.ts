/** @module User administration (admins only): list accounts, disable and re-enable them. */
import { conflict, notFound } from "@mosaic/contracts";
import type { Page, PageRequest, UserRow, UsersRepository } from "@mosaic/db";
import type { Actor } from "./actor.js";

export function createUserAdmin(deps: { users: UsersRepository }) {
  async function setDisabled(actor: Actor, userId: string, disabled: boolean): Promise<UserRow> {
    // An admin locking themselves out could leave the gateway with no admin at all.
    if (disabled && userId === actor.userId) throw conflict("you can't disable your own account");
    const row = await deps.users.setDisabled(userId, disabled);
    if (!row) throw notFound("user");
    return row;
  }

  return {
    list(page: PageRequest): Promise<Page<UserRow & { cursorAt: string }>> {
      return deps.users.list(page);
    },
    /** Disables an account: its sessions end now and its tokens stop working on the next request. */
    disable(actor: Actor, userId: string): Promise<UserRow> {
      return setDisabled(actor, userId, true);
    },
    enable(actor: Actor, userId: string): Promise<UserRow> {
      return setDisabled(actor, userId, false);
    },
  };
}

export type UserAdmin = ReturnType<typeof createUserAdmin>;
