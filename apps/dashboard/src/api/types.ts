import type { InvitationView, MemberView } from "@edgeplane/contracts";

// Response shapes are declared once, in @edgeplane/contracts; these are the dashboard's names.
export type {
  AuditPage,
  AuditView as AuditEntry,
  InvitationView as Invitation,
  MembershipView as Membership,
  MemberView as Member,
  MeView as Me,
  OrgView as Org,
} from "@edgeplane/contracts";

export interface MembersPage {
  members: MemberView[];
  invitations: InvitationView[];
}
