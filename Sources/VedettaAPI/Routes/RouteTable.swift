import Hummingbird
import Synchronization

/// The paths the router serves and the methods of each, so that a request with a method a path does not take is
/// refused with 405 and `Allow`, not with a 404 that says the path does not exist.
final class RouteTable: Sendable {
    private let routes = Mutex<[(pattern: [Substring], method: HTTPRequest.Method)]>([])

    /// Records the router's routes; call once every route is added.
    func record(_ router: Router<APIRequestContext>) {
        let table = router.routes.map { route in
            (pattern: route.path.description.split(separator: "/", omittingEmptySubsequences: false), route.method)
        }
        routes.withLock { $0 = table }
    }

    /// The methods the routes matching `path` take, in order; empty when no route matches it.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.withLock { routes in
            routes.filter { Self.matches($0.pattern, components) }.map(\.method)
        }
    }

    /// Whether `components` fit `pattern`, where a capture (`{name}`, as Hummingbird writes `:name`) stands for
    /// any one non-empty component.
    private static func matches(_ pattern: [Substring], _ components: [Substring]) -> Bool {
        guard pattern.count == components.count else { return false }
        return zip(pattern, components).allSatisfy { expected, given in
            expected.hasPrefix("{") ? !given.isEmpty : expected == given
        }
    }
}
