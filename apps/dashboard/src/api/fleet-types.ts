// Response shapes are declared once, in @edgeplane/contracts; these are the dashboard's names.
export type {
  IssuedNodeKey,
  NodeKeyView as NodeKey,
  NodeView as FleetNode,
  Page,
  RotatedNodeKey,
  SiteView as Site,
} from "@edgeplane/contracts";
