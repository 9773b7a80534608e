import { type Role, roleLabels, roles } from "@edgeplane/contracts";

/** Only an owner may grant the owner role (the server enforces the same rule). */
export function roleOptions(myRole: Role) {
  return roles
    .filter((r) => r !== "owner" || myRole === "owner")
    .map((value) => ({ value, label: roleLabels[value] }));
}
