import Conformance
import Foundation
import Testing

struct PathExpressionTests {
    let bundle = JSON(parsing: Data("""
        {"resourceType": "Bundle", "total": 2, "entry": [
          {"resource": {"resourceType": "Patient", "id": "p1", "name": [{"family": "Doe"}]}},
          {"resource": {"resourceType": "Consent", "id": "c1", "status": "active"}}]}
        """.utf8))!

    @Test func navigatesMembersAcrossArrays() throws {
        #expect(try PathExpression("entry.resource.id").evaluate(bundle) == [.string("p1"), .string("c1")])
        #expect(try PathExpression("entry[1].resource.status").evaluate(bundle) == [.string("active")])
    }

    @Test func filtersWithWhereAndCounts() throws {
        #expect(try PathExpression("entry.resource.where(resourceType='Patient').name.family").evaluate(bundle) == [.string("Doe")])
        #expect(try PathExpression("entry.resource.where(resourceType!='Patient' and status='active').count()").evaluate(bundle) == [.number(1)])
        #expect(try PathExpression("entry.resource.where(id='nope').exists()").evaluate(bundle) == [.bool(false)])
    }

    @Test func jsonPointerFollowsRFC6901() throws {
        #expect(try JSONPointer("/entry/0/resource/id").resolve(in: bundle) == .string("p1"))
        #expect(try JSONPointer("/entry/5").resolve(in: bundle) == nil)
        #expect(throws: JSONPointer.SyntaxError.self) { try JSONPointer("entry") }
    }

    @Test func unknownFunctionIsASyntaxError() {
        #expect(throws: PathExpression.SyntaxError.self) { try PathExpression("entry.sum()") }
    }
}
