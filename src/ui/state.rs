//! The one place Yew meets the model: `Session::apply` as a Yew reducer.
//!
//! Taking the next state costs a few pointer copies: the session shares its
//! large parts (`Rc`) and copies only what an action changes, so selecting or
//! stepping through a 5,000-annotation document copies nothing of it.

use std::rc::Rc;

use yew::Reducible;

use crate::model::session::{Action, Session};

#[derive(Clone, Default, PartialEq)]
pub struct SessionState(pub Rc<Session>);

impl Reducible for SessionState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(Rc::unwrap_or_clone(self).0);
        next.apply(action);
        Rc::new(SessionState(Rc::new(next)))
    }
}
