import { createCustomerInput, listCustomersQuery, updateCustomerInput } from "@edgeplane/contracts";
import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { authorize } from "../../../services/access/membership.ts";
import { createCustomer } from "../../../services/customers/create.ts";
import { deleteCustomer } from "../../../services/customers/delete.ts";
import { getCustomer } from "../../../services/customers/get.ts";
import { listCustomers } from "../../../services/customers/list.ts";
import { updateCustomer } from "../../../services/customers/update.ts";
import { type Api, serviceCtx } from "../../types.ts";
import { body, errorResponses, json, orgIdParam, pageOf } from "../schemas.ts";
import { customerParams, customerSchema } from "./schema.ts";

const tags = ["Customers"];
const security = [{ bearer: [] }];

const post = createRoute({
  method: "post",
  path: "/orgs/{orgId}/customers",
  tags,
  security,
  summary: "Add a customer account (SLA tier, regions, data residency)",
  request: { params: orgIdParam, body: body(createCustomerInput) },
  responses: { 201: json(customerSchema, "The new customer"), ...errorResponses },
});

const list = createRoute({
  method: "get",
  path: "/orgs/{orgId}/customers",
  tags,
  security,
  summary: "Customers, newest first; search by name or contact, filter by SLA tier or status",
  request: { params: orgIdParam, query: listCustomersQuery },
  responses: {
    200: json(pageOf(customerSchema, "CustomerPage"), "A page of customers"),
    ...errorResponses,
  },
});

const get = createRoute({
  method: "get",
  path: "/orgs/{orgId}/customers/{customerId}",
  tags,
  security,
  summary: "One customer with its SLA targets and active key count",
  request: { params: customerParams },
  responses: { 200: json(customerSchema, "The customer"), ...errorResponses },
});

const patch = createRoute({
  method: "patch",
  path: "/orgs/{orgId}/customers/{customerId}",
  tags,
  security,
  summary: "Change a customer; its keys follow within a second",
  request: { params: customerParams, body: body(updateCustomerInput) },
  responses: { 200: json(customerSchema, "The updated customer"), ...errorResponses },
});

const remove = createRoute({
  method: "delete",
  path: "/orgs/{orgId}/customers/{customerId}",
  tags,
  security,
  summary: "Delete a customer and its keys (usage history stays)",
  request: { params: customerParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export function registerCustomers(app: Api, deps: Deps) {
  const db = deps.database.db;
  app.openapi(post, async (c) => {
    const { orgId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "customers.write");
    const input = c.req.valid("json");
    return c.json(await createCustomer({ ctx: serviceCtx(c, deps), access, input }), 201);
  });
  app.openapi(list, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "customers.read");
    return c.json(await listCustomers(db, orgId, c.req.valid("query")), 200);
  });
  app.openapi(get, async (c) => {
    const { orgId, customerId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "customers.read");
    return c.json(await getCustomer(db, orgId, customerId), 200);
  });
  app.openapi(patch, async (c) => {
    const { orgId, customerId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "customers.write");
    const input = c.req.valid("json");
    const ctx = serviceCtx(c, deps);
    return c.json(await updateCustomer({ ctx, access, customerId, input }), 200);
  });
  app.openapi(remove, async (c) => {
    const { orgId, customerId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "customers.write");
    await deleteCustomer({ ctx: serviceCtx(c, deps), access, customerId });
    return c.body(null, 204);
  });
}
