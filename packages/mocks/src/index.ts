/**
 * @backupkit/mocks: Prism mocks of the Z.com and OnApp backup APIs, served from the bundled specs
 * at the real services' paths, with their auth enforced; and Prism as a validating proxy.
 *
 * ```ts
 * import { startMock } from "@backupkit/mocks";
 * const mock = await startMock("onapp", { port: 0 });
 * const onapp = createOnAppClient({ baseUrl: mock.url, auth: { username: "user", password: "userpass" } });
 * await mock.stop();
 * ```
 */
export {
  DEFAULT_PORTS,
  MOCK_APIS,
  type MockApi,
  type MockServer,
  type MockServers,
  type StartMockOptions,
  type StartMocksOptions,
  specPath,
  startMock,
  startMocks,
} from "./mock.js";
export { DEBUG_ENV, MockStartError, OWNER_ENV } from "./prism.js";
export { type ProxyServer, type StartProxyOptions, startProxy, WIRE_CONTENT_TYPE_HEADER } from "./proxy.js";
