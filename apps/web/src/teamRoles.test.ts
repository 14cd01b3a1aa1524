import type { TeamMemberView } from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import { assignableRoles, canEditMember } from "./teamRoles.js";

const member = (role: TeamMemberView["role"]): TeamMemberView => ({
  userId: "9b2f7b35-5d0a-4c8e-9a43-0e6a7c3b1d22",
  email: "m@example.com",
  name: "M",
  role,
  joinedAt: "2026-11-22T10:00:00.000Z",
});

describe("team member controls (docs/ACCESS.md team table)", () => {
  it("owners hand out every role, admins all but owner, members none", () => {
    expect(assignableRoles("owner")).toEqual(["owner", "admin", "member"]);
    expect(assignableRoles("admin")).toEqual(["admin", "member"]);
    expect(assignableRoles("member")).toEqual([]);
  });

  it("admins can't edit owners; members edit no one", () => {
    expect(canEditMember("owner", member("owner"))).toBe(true);
    expect(canEditMember("admin", member("owner"))).toBe(false);
    expect(canEditMember("admin", member("admin"))).toBe(true);
    expect(canEditMember("member", member("member"))).toBe(false);
  });
});
